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

import com.dictamesh.events.kafka.EventHeaders;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Where the event being handled came from, for a {@link DictameshEventHandler} method
 * that declares a parameter of this type.
 *
 * @param handlerId id of the handler method
 * @param groupId consumer group of the handler
 * @param topic the record's topic
 * @param partition the record's partition
 * @param offset the record's offset
 * @param key the record's key
 * @param headers the record's headers
 * @param attempt delivery attempt of this record, {@code 1} the first time
 */
public record EventContext(String handlerId, String groupId, String topic, int partition, long offset,
		@Nullable String key, Headers headers, int attempt) {

	/**
	 * Return the last value of a header as a string.
	 * @param name the header name
	 * @return the value or {@code null}
	 */
	public @Nullable String header(String name) {
		return EventHeaders.lastValue(this.headers, name);
	}

}
