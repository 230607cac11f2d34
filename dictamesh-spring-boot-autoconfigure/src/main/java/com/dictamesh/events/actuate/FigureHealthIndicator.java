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

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A {@link HealthIndicator} that reads a {@link CachedFigure}'s last snapshot and never
 * waits on what the figure measures: UNKNOWN before the first refresh, DOWN with the
 * reason when the refresh failed or is stale.
 *
 * @param <T> the type of the figure
 */
public abstract class FigureHealthIndicator<T> implements HealthIndicator {

	private final CachedFigure<T> figure;

	private final Clock clock;

	/**
	 * Create an indicator.
	 * @param figure the figure it reads
	 * @param clock the clock
	 */
	protected FigureHealthIndicator(CachedFigure<T> figure, Clock clock) {
		this.figure = figure;
		this.clock = clock;
	}

	@Override
	public final Health health() {
		Snapshot<T> snapshot = this.figure.snapshot();
		if (snapshot == null) {
			Health.Builder unknown = Health.unknown().withDetail("reason", "not measured yet");
			contribute(unknown);
			return unknown.build();
		}
		Health.Builder builder;
		T value = snapshot.value();
		if (this.figure.isStale(snapshot)) {
			builder = Health.down()
				.withDetail("reason", "no refresh has ended since " + snapshot.takenAt() + " (interval "
						+ this.figure.getInterval() + ", timeout " + this.figure.getTimeout() + ")");
		}
		else if (value == null) {
			builder = Health.down().withDetail("error", String.valueOf(snapshot.error()));
		}
		else {
			builder = Health.up();
			describe(value, builder);
		}
		contribute(builder);
		return builder.withDetail("measuredAt", snapshot.takenAt().toString()).build();
	}

	/**
	 * Add what does not come from the figure, whatever its state; may turn the status
	 * DOWN.
	 * @param builder the builder, its status set from the figure
	 */
	protected void contribute(Health.Builder builder) {
	}

	/**
	 * Set the status and details of a figure.
	 * @param value the figure
	 * @param builder the builder, its status UP
	 */
	protected abstract void describe(T value, Health.Builder builder);

	/**
	 * Return the clock.
	 * @return the clock
	 */
	protected Clock getClock() {
		return this.clock;
	}

}
