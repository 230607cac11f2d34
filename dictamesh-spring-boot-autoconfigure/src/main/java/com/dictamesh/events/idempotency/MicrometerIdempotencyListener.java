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

package com.dictamesh.events.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts {@code dictamesh.idempotency.duplicates} and {@code dictamesh.idempotency.marks}
 * (tags {@code group}, {@code handler}) and {@code dictamesh.idempotency.expired}.
 */
public class MicrometerIdempotencyListener implements IdempotencyListener {

	private final MeterRegistry registry;

	private final Counter expired;

	/**
	 * Create a listener.
	 * @param registry the meter registry
	 */
	public MicrometerIdempotencyListener(MeterRegistry registry) {
		this.registry = registry;
		this.expired = Counter.builder("dictamesh.idempotency.expired")
			.description("Expired idempotency marks deleted")
			.register(registry);
	}

	@Override
	public void duplicateSkipped(String group, String handlerId) {
		Counter.builder("dictamesh.idempotency.duplicates")
			.description("Events skipped because their handler had processed them")
			.tag("group", group)
			.tag("handler", handlerId)
			.register(this.registry)
			.increment();
	}

	@Override
	public void marked(String group, String handlerId) {
		Counter.builder("dictamesh.idempotency.marks")
			.description("Events processed and marked")
			.tag("group", group)
			.tag("handler", handlerId)
			.register(this.registry)
			.increment();
	}

	@Override
	public void expiredDeleted(int count) {
		this.expired.increment(count);
	}

}
