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

package com.dictamesh.events.outbox;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The rows of the outbox that wait for the relay.
 *
 * @param pending the number of pending rows
 * @param oldestCreatedAt when the oldest pending row was written, {@code null} when none
 * is pending
 */
public record OutboxBacklog(long pending, @Nullable Instant oldestCreatedAt) {

	/**
	 * Return how long the oldest pending row has waited.
	 * @param now the current time
	 * @return its age, zero when no row is pending
	 */
	public Duration oldestAge(Instant now) {
		if (this.oldestCreatedAt == null || now.isBefore(this.oldestCreatedAt)) {
			return Duration.ZERO;
		}
		return Duration.between(this.oldestCreatedAt, now);
	}

}
