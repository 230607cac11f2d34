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
 * Hears of each handler call and each dead-lettered record of the
 * {@link EventHandlerContainers}, for example to time and count them.
 */
public interface EventHandlingListener {

	/**
	 * A handler was called on an event (or a batch of events), once per attempt.
	 * @param group the consumer group
	 * @param handlerId the handler
	 * @param eventType the event type, or {@code *} for a batch of several types
	 * @param duration how long the call took, with its idempotency mark
	 * @param failure the failure, {@code null} when the handler succeeded
	 */
	default void handled(String group, String handlerId, String eventType, Duration duration,
			@Nullable Throwable failure) {
	}

	/**
	 * A handler was called on events, once per attempt: told right after
	 * {@link #handled(String, String, String, Duration, Throwable)}, with the events the
	 * handler was given (one for a record handler).
	 * @param group the consumer group
	 * @param handlerId the handler
	 * @param events the events of the call
	 * @param failure the failure, {@code null} when the handler succeeded
	 */
	default void handledEvents(String group, String handlerId, List<Event> events, @Nullable Throwable failure) {
	}

	/**
	 * A record was sent to the dead-letter topic.
	 * @param group the consumer group
	 * @param topic the topic it was consumed from
	 * @param eventType its event type, if known
	 * @param handlerId the handler that failed, if known
	 * @param exception the last failure
	 */
	default void deadLettered(String group, String topic, @Nullable String eventType, @Nullable String handlerId,
			Throwable exception) {
	}

	/**
	 * A listener that tells each of {@code listeners}, in order.
	 * @param listeners the listeners
	 * @return the composite listener
	 */
	static EventHandlingListener of(List<? extends EventHandlingListener> listeners) {
		List<EventHandlingListener> all = List.copyOf(listeners);
		return new EventHandlingListener() {

			@Override
			public void handled(String group, String handlerId, String eventType, Duration duration,
					@Nullable Throwable failure) {
				all.forEach((listener) -> listener.handled(group, handlerId, eventType, duration, failure));
			}

			@Override
			public void handledEvents(String group, String handlerId, List<Event> events, @Nullable Throwable failure) {
				all.forEach((listener) -> listener.handledEvents(group, handlerId, events, failure));
			}

			@Override
			public void deadLettered(String group, String topic, @Nullable String eventType, @Nullable String handlerId,
					Throwable exception) {
				all.forEach((listener) -> listener.deadLettered(group, topic, eventType, handlerId, exception));
			}

		};
	}

}
