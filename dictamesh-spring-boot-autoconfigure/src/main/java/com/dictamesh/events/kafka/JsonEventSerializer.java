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

import java.lang.reflect.Type;

import com.dictamesh.events.Event;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events as snake_case JSON with the application's Jackson {@link JsonMapper}.
 * Unknown fields are ignored on read, so producers may add fields.
 */
public class JsonEventSerializer implements EventSerializer {

	private final JsonMapper jsonMapper;

	// Bound to Event once, so that each record does not look the root serializer and
	// deserializer up again.
	private final ObjectWriter writer;

	private final ObjectReader reader;

	/**
	 * Create a serializer.
	 * @param jsonMapper the mapper, usually Spring Boot's
	 */
	public JsonEventSerializer(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		this.writer = jsonMapper.writerFor(Event.class);
		this.reader = jsonMapper.readerFor(Event.class);
	}

	@Override
	public byte[] serialize(Event event) {
		return this.writer.writeValueAsBytes(event);
	}

	@Override
	public Event deserialize(byte[] bytes) {
		try {
			return this.reader.readValue(bytes);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new EventDeserializationException("Record value is not a DictaMesh event: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Object convertData(Object data, Type type) {
		JavaType javaType = this.jsonMapper.constructType(type);
		if (javaType.getRawClass().isInstance(data)) {
			return data;
		}
		try {
			return this.jsonMapper.convertValue(data, javaType);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new EventDeserializationException(
					"Event data does not fit " + javaType.toCanonical() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String contentType() {
		return "application/json";
	}

}
