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
import org.slf4j.MDC;

/**
 * The logging MDC keys that tie a log line to an event and its flow. They hold the event
 * being handled while a {@link DictameshEventHandler} method runs (and in code it hands
 * work to through context propagation), and the event being published while it is
 * published.
 */
public final class EventMdc {

	/**
	 * MDC key of the event id.
	 */
	public static final String EVENT_ID = "dictamesh.event_id";

	/**
	 * MDC key of the event type.
	 */
	public static final String EVENT_TYPE = "dictamesh.event_type";

	/**
	 * MDC key of the correlation id.
	 */
	public static final String CORRELATION_ID = "dictamesh.correlation_id";

	/**
	 * MDC key of the causation id.
	 */
	public static final String CAUSATION_ID = "dictamesh.causation_id";

	private static final String[] KEYS = { EVENT_ID, EVENT_TYPE, CORRELATION_ID, CAUSATION_ID };

	private EventMdc() {
	}

	/**
	 * Put the ids of an event into the MDC until the returned scope is closed, which puts
	 * back the values it replaced.
	 * @param event the event being published
	 * @return the scope to close
	 */
	public static EventContext.Scope publishing(Event event) {
		String[] previous = values();
		put(event.eventId(), event.eventType(), event.metadata().correlationId(), event.metadata().causationId());
		return () -> put(previous);
	}

	static void put(@Nullable CausalContext context) {
		if (context == null) {
			put(null, null, null, null);
		}
		else {
			put(context.eventId(), context.eventType(), context.correlationId(), context.causationId());
		}
	}

	private static String[] values() {
		String[] values = new String[KEYS.length];
		for (int i = 0; i < KEYS.length; i++) {
			values[i] = MDC.get(KEYS[i]);
		}
		return values;
	}

	private static void put(@Nullable String... values) {
		for (int i = 0; i < KEYS.length; i++) {
			if (values[i] != null) {
				MDC.put(KEYS[i], values[i]);
			}
			else {
				MDC.remove(KEYS[i]);
			}
		}
	}

}
