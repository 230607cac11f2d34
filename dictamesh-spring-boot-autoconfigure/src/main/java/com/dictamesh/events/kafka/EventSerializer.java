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

import com.dictamesh.events.Event;

/**
 * Turns events into Kafka record values and back.
 */
public interface EventSerializer {

	/**
	 * Return the bytes of an event.
	 * @param event the event
	 * @return the record value
	 */
	byte[] serialize(Event event);

	/**
	 * Return the bytes of an event published to a topic; formats whose schema is
	 * registered per topic (Avro) need the topic.
	 * @param topic the topic the record goes to
	 * @param event the event
	 * @return the record value
	 */
	default byte[] serialize(String topic, Event event) {
		return serialize(event);
	}

	/**
	 * Read an event.
	 * @param bytes the record value
	 * @return the event
	 * @throws EventDeserializationException if the bytes are not an event
	 */
	Event deserialize(byte[] bytes);

	/**
	 * Read an event received from a topic.
	 * @param topic the topic the record came from
	 * @param bytes the record value
	 * @return the event
	 * @throws EventDeserializationException if the bytes are not an event
	 */
	default Event deserialize(String topic, byte[] bytes) {
		return deserialize(bytes);
	}

	/**
	 * Convert an event's payload to the type a handler declares.
	 * @param data the payload of a received event
	 * @param type the target type
	 * @return the converted payload
	 * @throws EventDeserializationException if the payload does not fit the type
	 */
	Object convertData(Object data, java.lang.reflect.Type type);

	/**
	 * Return the media type of the values, for the {@code content-type} header.
	 * @return the media type
	 */
	String contentType();

}
