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

import com.dictamesh.events.NonRetryableEventException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a record value is not an event, or an event's payload does not fit the type
 * a handler declares. Never retried: the record goes to the dead-letter topic.
 */
public class EventDeserializationException extends NonRetryableEventException {

	/**
	 * Create an exception.
	 * @param message the reason
	 * @param cause the cause
	 */
	public EventDeserializationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
