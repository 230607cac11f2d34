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

package com.dictamesh.events.idempotency;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Remembers which events each handler of a consumer group has processed, so that a
 * redelivered event is skipped instead of applied twice.
 */
public interface IdempotencyStore {

	/**
	 * Mark an event processed by a handler, unless it already is. In a transaction, the
	 * mark commits or rolls back with it, and a concurrent mark of the same event waits
	 * for the first one's transaction.
	 * @param group the consumer group
	 * @param handlerId the handler
	 * @param eventId the event
	 * @return {@code true} if the mark was written now, {@code false} if the event was
	 * processed before
	 */
	boolean mark(String group, String handlerId, String eventId);

	/**
	 * Mark several events processed by a handler, unless they are; see
	 * {@link #mark(String, String, String)}.
	 * @param group the consumer group
	 * @param handlerId the handler
	 * @param eventIds the events
	 * @return the ids marked now
	 */
	default Set<String> markAll(String group, String handlerId, Collection<String> eventIds) {
		Set<String> marked = new LinkedHashSet<>();
		for (String eventId : eventIds) {
			if (mark(group, handlerId, eventId)) {
				marked.add(eventId);
			}
		}
		return marked;
	}

	/**
	 * Return whether {@link #markAll} marks a batch in one statement that tells which
	 * events were new, so that it doubles as the batch's look-up.
	 * @return whether marking a batch is one statement
	 */
	default boolean marksBatchInOneStatement() {
		return false;
	}

	/**
	 * Return which of the given events a handler has processed, in one look-up.
	 * @param group the consumer group
	 * @param handlerId the handler
	 * @param eventIds the events
	 * @return the ids of the processed ones
	 */
	Set<String> findProcessed(String group, String handlerId, Collection<String> eventIds);

	/**
	 * Delete marks older than a time to live, at most a given number.
	 * @param timeToLive the time to live
	 * @param limit the most marks to delete
	 * @return the number deleted
	 */
	int deleteExpired(Duration timeToLive, int limit);

	/**
	 * Return whether marks join the current database transaction, so that the handler's
	 * own writes and the mark commit together.
	 * @return whether marks are transactional
	 */
	boolean isTransactional();

}
