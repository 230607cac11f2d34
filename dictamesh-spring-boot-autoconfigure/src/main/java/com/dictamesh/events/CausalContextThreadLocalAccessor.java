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

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Lets Micrometer's context propagation carry the {@link CausalContext}, with its MDC
 * entries, to other threads, for example through Spring's
 * {@code ContextPropagatingTaskDecorator} on the executor of {@code @Async} methods.
 * Registered with {@code ContextRegistry.getInstance()} through
 * {@code META-INF/services}.
 */
public final class CausalContextThreadLocalAccessor implements ThreadLocalAccessor<CausalContext> {

	/**
	 * The key of the causal context in a context snapshot.
	 */
	public static final String KEY = "dictamesh.causal-context";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable CausalContext getValue() {
		return CausalContextHolder.get();
	}

	@Override
	public void setValue(CausalContext value) {
		CausalContextHolder.set(value);
	}

	@Override
	public void setValue() {
		CausalContextHolder.set(null);
	}

	@Override
	public void restore(CausalContext previousValue) {
		CausalContextHolder.set(previousValue);
	}

	@Override
	public void restore() {
		CausalContextHolder.set(null);
	}

}
