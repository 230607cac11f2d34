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
 * Thrown when a value cannot be written as Avro for a topic: its type is not an Avro one,
 * or the schema registry refused or could not give its schema an id.
 */
public class AvroSerializationException extends SerializationException {

	private final String topic;

	/**
	 * Create an exception.
	 * @param topic the topic the value was for
	 * @param message the reason
	 * @param cause the cause
	 */
	public AvroSerializationException(String topic, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.topic = topic;
	}

	/**
	 * Return the topic the value was for.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

}
