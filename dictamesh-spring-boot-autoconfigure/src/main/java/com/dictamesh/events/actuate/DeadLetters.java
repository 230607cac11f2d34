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

package com.dictamesh.events.actuate;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The records written to the dead-letter topics since a point in time.
 *
 * @param since the start of the count: the application's start or the last reset
 * @param count the number of dead letters since then
 * @param newest the newest dead letters, the newest first
 */
public record DeadLetters(Instant since, long count, List<Summary> newest) {

	/**
	 * One dead letter, as the dead-letter headers describe it.
	 *
	 * @param eventId the event id ({@code ce_id} header), if known
	 * @param eventType the event type ({@code event-type} header), if known
	 * @param exception the class of the exception that sent it there
	 * @param message the exception's message
	 * @param originalTopic the topic the record was consumed from
	 * @param topic the dead-letter topic
	 * @param partition the dead-letter partition
	 * @param offset the dead-letter offset
	 * @param timestamp when it was dead-lettered
	 */
	public record Summary(@Nullable String eventId, @Nullable String eventType, @Nullable String exception,
			@Nullable String message, @Nullable String originalTopic, String topic, int partition, long offset,
			Instant timestamp) {

	}

}
