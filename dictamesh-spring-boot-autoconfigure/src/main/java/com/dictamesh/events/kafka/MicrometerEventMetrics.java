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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	// Looking a meter up through its builder for every event was a tenth of the publish
	// thread's cost: each set of tags is resolved once.
	private final Map<Published, PublishMeters> publishMeters = new ConcurrentHashMap<>();

	private final Map<Handled, Timer> handlerTimers = new ConcurrentHashMap<>();

	/**
	 * Create the meters' recorder.
	 * @param registry the meter registry
	 */
	public MicrometerEventMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void published(Event event, String topic, Duration latency, @Nullable Throwable failure) {
		PublishMeters meters = this.publishMeters.computeIfAbsent(
				new Published(event.eventType(), topic, (failure != null) ? FAILURE : SUCCESS), this::publishMeters);
		meters.published().increment();
		meters.latency().record(latency);
	}

	private PublishMeters publishMeters(Published tags) {
		Counter published = Counter.builder("dictamesh.events.published")
			.description("Events the publisher sent, by outcome: acknowledged (success) or failed")
			.tag("type", tags.type())
			.tag("topic", tags.topic())
			.tag("outcome", tags.outcome())
			.register(this.registry);
		Timer latency = Timer.builder("dictamesh.events.publish.latency")
			.description("Time from publish() to the broker's acknowledgment or the failure")
			.tag("type", tags.type())
			.tag("topic", tags.topic())
			.tag("outcome", tags.outcome())
			.publishPercentiles(PERCENTILES)
			.register(this.registry);
		return new PublishMeters(published, latency);
	}

	@Override
	public void handled(String group, String handlerId, String eventType, Duration duration,
			@Nullable Throwable failure) {
		this.handlerTimers
			.computeIfAbsent(new Handled(group, handlerId, eventType, (failure != null) ? FAILURE : SUCCESS),
					this::handlerTimer)
			.record(duration);
	}

	private Timer handlerTimer(Handled tags) {
		return Timer.builder("dictamesh.events.handler.duration")
			.description("Duration of each handler call (each attempt), with its idempotency mark")
			.tag("group", tags.group())
			.tag("handler", tags.handlerId())
			.tag("type", tags.eventType())
			.tag("outcome", tags.outcome())
			.publishPercentiles(PERCENTILES)
			.register(this.registry);
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

	private record Published(String type, String topic, String outcome) {
	}

	private record PublishMeters(Counter published, Timer latency) {
	}

	private record Handled(String group, String handlerId, String eventType, String outcome) {
	}

}
