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

package com.dictamesh.events.test;

import java.util.Map;

import com.dictamesh.events.Event;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event the application published, directly or through the outbox, as it was sent to
 * Kafka: the event, its topic, record key and headers.
 */
public final class PublishedEvent {

	private final Event event;

	private final String topic;

	private final @Nullable String key;

	private final Map<String, String> headers;

	private final JsonMapper jsonMapper;

	PublishedEvent(Event event, String topic, @Nullable String key, Map<String, String> headers,
			JsonMapper jsonMapper) {
		this.event = event;
		this.topic = topic;
		this.key = key;
		this.headers = Map.copyOf(headers);
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Return the event, as a handler would read it.
	 * @return the event
	 */
	public Event event() {
		return this.event;
	}

	/**
	 * Return the event's type.
	 * @return the event type
	 */
	public String eventType() {
		return this.event.eventType();
	}

	/**
	 * Return the topic the event was sent to.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	/**
	 * Return the record key, the event's partition key.
	 * @return the key, or {@code null} when the record had none
	 */
	public @Nullable String key() {
		return this.key;
	}

	/**
	 * Return the record headers, as text.
	 * @return the headers by name, the last value of each
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * Return the event's data converted to the given type, as a handler parameter of that
	 * type would receive it.
	 * @param <T> the payload type
	 * @param type the payload type
	 * @return the payload, or {@code null} when the event has no data
	 */
	public <T> @Nullable T payload(Class<T> type) {
		Object data = this.event.data();
		return (data != null) ? this.jsonMapper.convertValue(data, type) : null;
	}

	@Override
	public String toString() {
		return this.event.eventType() + "(" + ((this.key != null) ? this.key : this.event.eventId()) + ") on "
				+ this.topic;
	}

}
