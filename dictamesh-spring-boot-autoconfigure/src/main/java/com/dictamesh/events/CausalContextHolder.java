/*
 * Copyright 2026 the DictaMesh authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package com.dictamesh.events;

import org.jspecify.annotations.Nullable;

/**
 * Holds the {@link CausalContext} of the current thread and mirrors it into the logging
 * MDC. Context propagation ({@link CausalContextThreadLocalAccessor}) carries it to other
 * threads.
 */
final class CausalContextHolder {

	private static final ThreadLocal<CausalContext> current = new ThreadLocal<>();

	private CausalContextHolder() {
	}

	static @Nullable CausalContext get() {
		return current.get();
	}

	static void set(@Nullable CausalContext context) {
		if (context != null) {
			current.set(context);
		}
		else {
			current.remove();
		}
		EventMdc.put(context);
	}

}
