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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts {@code dictamesh.idempotency.duplicates} and {@code dictamesh.idempotency.marks}
 * (tags {@code group}, {@code handler}) and {@code dictamesh.idempotency.expired}.
 */
public class MicrometerIdempotencyListener implements IdempotencyListener {

	private final MeterRegistry registry;

	private final Counter expired;

	// Resolved once per handler rather than through a builder for every event.
	private final Map<Handler, Counter> marks = new ConcurrentHashMap<>();

	private final Map<Handler, Counter> duplicates = new ConcurrentHashMap<>();

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
		this.duplicates
			.computeIfAbsent(new Handler(group, handlerId),
					(handler) -> counter("dictamesh.idempotency.duplicates",
							"Events skipped because their handler had processed them", handler))
			.increment();
	}

	@Override
	public void marked(String group, String handlerId) {
		this.marks
			.computeIfAbsent(new Handler(group, handlerId),
					(handler) -> counter("dictamesh.idempotency.marks", "Events processed and marked", handler))
			.increment();
	}

	private Counter counter(String name, String description, Handler handler) {
		return Counter.builder(name)
			.description(description)
			.tag("group", handler.group())
			.tag("handler", handler.handlerId())
			.register(this.registry);
	}

	@Override
	public void expiredDeleted(int count) {
		this.expired.increment(count);
	}

	private record Handler(String group, String handlerId) {
	}

}
