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

import java.time.Clock;
import java.time.Duration;

import com.dictamesh.events.outbox.OutboxBacklog;

import org.springframework.boot.health.contributor.Health;

/**
 * Health of the outbox: DOWN when the oldest pending row has waited longer than the
 * threshold.
 */
public class OutboxHealthIndicator extends FigureHealthIndicator<OutboxBacklog> {

	private final Duration ageThreshold;

	/**
	 * Create an indicator.
	 * @param reader the backlog reader
	 * @param ageThreshold the longest a pending row may wait and the outbox be healthy
	 * @param clock the clock
	 */
	public OutboxHealthIndicator(OutboxBacklogReader reader, Duration ageThreshold, Clock clock) {
		super(reader, clock);
		this.ageThreshold = ageThreshold;
	}

	@Override
	protected void describe(OutboxBacklog backlog, Health.Builder builder) {
		Duration age = backlog.oldestAge(getClock().instant());
		if (age.compareTo(this.ageThreshold) > 0) {
			builder.down();
		}
		builder.withDetail("pending", backlog.pending())
			.withDetail("oldestAge", age.toString())
			.withDetail("ageThreshold", this.ageThreshold.toString());
		if (backlog.oldestCreatedAt() != null) {
			builder.withDetail("oldestCreatedAt", backlog.oldestCreatedAt().toString());
		}
	}

}
