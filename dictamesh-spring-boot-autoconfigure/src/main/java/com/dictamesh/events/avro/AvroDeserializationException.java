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
package com.dictamesh.events.avro;

import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a record's bytes cannot be read as Avro; {@link #getReason()} says why, so
 * that a consumer can dead-letter the record (every reason but
 * {@link Reason#REGISTRY_FAILURE}, which may pass when the registry is back).
 */
public class AvroDeserializationException extends SerializationException {

	private final Reason reason;

	private final String topic;

	private final @Nullable Integer schemaId;

	/**
	 * Create an exception.
	 * @param reason why the bytes cannot be read
	 * @param topic the record's topic
	 * @param schemaId the schema id the bytes name, if they name one
	 * @param message the description
	 * @param cause the cause
	 */
	public AvroDeserializationException(Reason reason, String topic, @Nullable Integer schemaId, String message,
			@Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.topic = topic;
		this.schemaId = schemaId;
	}

	/**
	 * Return why the bytes cannot be read.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Return the record's topic.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Return the schema id the bytes name.
	 * @return the id, or {@code null} when the bytes are not in the wire format
	 */
	public @Nullable Integer getSchemaId() {
		return this.schemaId;
	}

	/**
	 * Why bytes cannot be read.
	 */
	public enum Reason {

		/**
		 * The bytes do not start with the magic byte and a schema id.
		 */
		NOT_WIRE_FORMAT,

		/**
		 * The registry does not know the schema id.
		 */
		UNKNOWN_SCHEMA_ID,

		/**
		 * The reader schema cannot read data written with the writer's schema.
		 */
		INCOMPATIBLE_READER_SCHEMA,

		/**
		 * {@code specific.avro.reader} is set but no class has the writer schema's name.
		 */
		NO_READER_CLASS,

		/**
		 * The bytes after the header are not a valid encoding for the writer's schema.
		 */
		MALFORMED_DATA,

		/**
		 * The registry could not be asked for the schema (unreachable, or an error other
		 * than an unknown id).
		 */
		REGISTRY_FAILURE

	}

}
