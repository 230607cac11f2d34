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
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;

/**
 * Health of event handling: DOWN when records were dead-lettered since the application
 * started or since the last reset, with the newest summarized. Seed 003 makes any dead
 * letter critical; keep this indicator out of the readiness group, which a dead letter
 * should not take out of the load balancer.
 */
public class DeadLettersHealthIndicator extends FigureHealthIndicator<DeadLetters> {

	/**
	 * Create an indicator.
	 * @param monitor the dead-letter monitor
	 * @param clock the clock
	 */
	public DeadLettersHealthIndicator(DeadLetterMonitor monitor, Clock clock) {
		super(monitor, clock);
	}

	@Override
	protected void describe(DeadLetters deadLetters, Health.Builder builder) {
		if (deadLetters.count() > 0) {
			builder.down();
		}
		builder.withDetail("count", deadLetters.count())
			.withDetail("since", deadLetters.since().toString())
			.withDetail("newest", deadLetters.newest().stream().map(this::describe).toList());
	}

	private Map<String, Object> describe(DeadLetters.Summary summary) {
		Map<String, Object> details = new LinkedHashMap<>();
		put(details, "eventId", summary.eventId());
		put(details, "eventType", summary.eventType());
		put(details, "exception", summary.exception());
		put(details, "message", summary.message());
		put(details, "originalTopic", summary.originalTopic());
		details.put("topic", summary.topic());
		details.put("partition", summary.partition());
		details.put("offset", summary.offset());
		details.put("timestamp", summary.timestamp().toString());
		return details;
	}

	private static void put(Map<String, Object> details, String name, @Nullable Object value) {
		if (value != null) {
			details.put(name, value);
		}
	}

}
