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

import java.util.List;
import java.util.Map;

import com.dictamesh.events.Event;
import org.jspecify.annotations.Nullable;

/**
 * What the application's {@code @DictameshEventHandler} methods did with an event: for
 * each consumer group whose handlers take it, whether they handled it, skipped it as a
 * duplicate, or had it dead-lettered after their retries.
 *
 * @param event the event
 * @param groups the outcome in each consumer group whose handlers take the event; empty
 * when none does
 */
public record HandlingOutcome(Event event, List<GroupOutcome> groups) {

	/**
	 * Create an outcome.
	 * @param event the event
	 * @param groups the outcome in each consumer group
	 */
	public HandlingOutcome {
		groups = List.copyOf(groups);
	}

	/**
	 * Return the outcome over all groups: dead-lettered if any group dead-lettered the
	 * event, skipped if every handler skipped it as a duplicate, not handled if no
	 * handler takes it, else handled.
	 * @return the status
	 */
	public Status status() {
		if (this.groups.isEmpty()) {
			return Status.NOT_HANDLED;
		}
		if (this.groups.stream().anyMatch((group) -> group.status() == Status.DEAD_LETTERED)) {
			return Status.DEAD_LETTERED;
		}
		if (this.groups.stream().allMatch((group) -> group.status() == Status.SKIPPED_AS_DUPLICATE)) {
			return Status.SKIPPED_AS_DUPLICATE;
		}
		return Status.HANDLED;
	}

	/**
	 * Return the exception that sent the event to the dead-letter topic, of the first
	 * group that dead-lettered it.
	 * @return the exception, or {@code null} when the event was not dead-lettered
	 */
	public @Nullable Throwable exception() {
		return this.groups.stream()
			.filter((group) -> group.exception() != null)
			.map(GroupOutcome::exception)
			.findFirst()
			.orElse(null);
	}

	/**
	 * What became of an event in one consumer group.
	 *
	 * @param group the consumer group
	 * @param status the outcome in the group
	 * @param handlers the outcome of each of the group's handlers that take the event, by
	 * handler id; a handler after the failing one in a dead-lettered group may be missing
	 * @param attempts the handler calls made, retries included
	 * @param exception the exception that dead-lettered the event, {@code null} when it
	 * was not
	 */
	public record GroupOutcome(String group, Status status, Map<String, Status> handlers, int attempts,
			@Nullable Throwable exception) {

	}

	/**
	 * The outcome of handling an event.
	 */
	public enum Status {

		/**
		 * Every handler that takes the event ran it successfully (some perhaps after
		 * retries).
		 */
		HANDLED,

		/**
		 * The idempotency store knew the event: no handler ran it again.
		 */
		SKIPPED_AS_DUPLICATE,

		/**
		 * A handler failed on every attempt (or with a non-retryable exception), or the
		 * record could not be read: it went to the dead-letter topic.
		 */
		DEAD_LETTERED,

		/**
		 * No handler takes the event.
		 */
		NOT_HANDLED

	}

}
