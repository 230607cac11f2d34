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
import java.util.List;

import com.dictamesh.events.Event;
import org.jspecify.annotations.Nullable;

/**
 * Hears of each event the {@link KafkaEventPublisher} sent, for example to count and time
 * them.
 */
public interface EventPublishListener {

	/**
	 * An event was acknowledged by the broker or failed.
	 * @param event the event
	 * @param topic the topic it was sent to
	 * @param latency the time from the call to the acknowledgment or failure
	 * @param failure the failure, {@code null} when the broker acknowledged it
	 */
	void published(Event event, String topic, Duration latency, @Nullable Throwable failure);

	/**
	 * A listener that tells each of {@code listeners}, in order.
	 * @param listeners the listeners
	 * @return the composite listener
	 */
	static EventPublishListener of(List<? extends EventPublishListener> listeners) {
		List<EventPublishListener> all = List.copyOf(listeners);
		return (event, topic, latency, failure) -> all
			.forEach((listener) -> listener.published(event, topic, latency, failure));
	}

}
