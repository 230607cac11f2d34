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

package com.dictamesh.events.kafka;

import java.time.Duration;

import com.dictamesh.events.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of publishing and handling events: {@code dictamesh.events.published}
 * and {@code dictamesh.events.publish.latency} (tags type, topic, outcome),
 * {@code dictamesh.events.handler.duration} (tags group, handler, type, outcome) and
 * {@code dictamesh.events.dead-lettered} (tags group, topic, type, handler).
 */
public class MicrometerEventMetrics implements EventPublishListener, EventHandlingListener {

	private static final double[] PERCENTILES = { 0.5, 0.95, 0.99 };

	private static final String SUCCESS = "success";

	private static final String FAILURE = "failure";

	private final MeterRegistry registry;

	/**
	 * Create the meters' recorder.
	 * @param registry the meter registry
	 */
	public MicrometerEventMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void published(Event event, String topic, Duration latency, @Nullable Throwable failure) {
		String outcome = (failure != null) ? FAILURE : SUCCESS;
		Counter.builder("dictamesh.events.published")
			.description("Events the publisher sent, by outcome: acknowledged (success) or failed")
			.tag("type", event.eventType())
			.tag("topic", topic)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
		Timer.builder("dictamesh.events.publish.latency")
			.description("Time from publish() to the broker's acknowledgment or the failure")
			.tag("type", event.eventType())
			.tag("topic", topic)
			.tag("outcome", outcome)
			.publishPercentiles(PERCENTILES)
			.register(this.registry)
			.record(latency);
	}

	@Override
	public void handled(String group, String handlerId, String eventType, Duration duration,
			@Nullable Throwable failure) {
		Timer.builder("dictamesh.events.handler.duration")
			.description("Duration of each handler call (each attempt), with its idempotency mark")
			.tag("group", group)
			.tag("handler", handlerId)
			.tag("type", eventType)
			.tag("outcome", (failure != null) ? FAILURE : SUCCESS)
			.publishPercentiles(PERCENTILES)
			.register(this.registry)
			.record(duration);
	}

	@Override
	public void deadLettered(String group, String topic, @Nullable String eventType, @Nullable String handlerId,
			Throwable exception) {
		Counter.builder("dictamesh.events.dead-lettered")
			.description("Records sent to the dead-letter topic after their retries")
			.tag("group", group)
			.tag("topic", topic)
			.tag("type", (eventType != null) ? eventType : "unknown")
			.tag("handler", (handlerId != null) ? handlerId : "none")
			.register(this.registry)
			.increment();
	}

}
