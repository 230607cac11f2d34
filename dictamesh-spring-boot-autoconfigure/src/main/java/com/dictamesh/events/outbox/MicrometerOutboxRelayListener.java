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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts what the relay does: {@code dictamesh.outbox.published} (rows acknowledged),
 * {@code dictamesh.outbox.failed} (rows refused by the broker, tagged with whether they
 * were given up) and {@code dictamesh.outbox.batch.failures} (batches left pending, for
 * example while the broker is down).
 */
public class MicrometerOutboxRelayListener implements OutboxRelayListener {

	private final Counter published;

	private final Counter retried;

	private final Counter givenUp;

	private final Counter batchFailures;

	private final DistributionSummary batchSize;

	private final Timer lag;

	/**
	 * Create a listener.
	 * @param registry the meter registry
	 */
	public MicrometerOutboxRelayListener(MeterRegistry registry) {
		this.published = Counter.builder("dictamesh.outbox.published")
			.description("Outbox rows acknowledged by the broker")
			.register(registry);
		this.retried = Counter.builder("dictamesh.outbox.failed")
			.tag("given-up", "false")
			.description("Outbox rows the broker refused")
			.register(registry);
		this.givenUp = Counter.builder("dictamesh.outbox.failed")
			.tag("given-up", "true")
			.description("Outbox rows the broker refused")
			.register(registry);
		this.batchFailures = Counter.builder("dictamesh.outbox.batch.failures")
			.description("Relay batches left pending because the broker or database failed")
			.register(registry);
		this.batchSize = DistributionSummary.builder("dictamesh.outbox.relay.batch.size")
			.description("Rows the relay published per batch")
			.baseUnit("rows")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(registry);
		this.lag = Timer.builder("dictamesh.outbox.relay.lag")
			.description("Time from the transaction that wrote an outbox row to its publication")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(registry);
	}

	@Override
	public void published(int rows) {
		this.published.increment(rows);
		if (rows > 0) {
			this.batchSize.record(rows);
		}
	}

	@Override
	public void rowPublished(OutboxRow row, Duration sinceWritten) {
		// The row's time is the database's: a clock behind the application's reads as 0.
		this.lag.record(sinceWritten.isNegative() ? Duration.ZERO : sinceWritten);
	}

	@Override
	public void rowFailed(OutboxRow row, String error, boolean givenUp) {
		(givenUp ? this.givenUp : this.retried).increment();
	}

	@Override
	public void batchFailed(int pendingRows) {
		this.batchFailures.increment();
	}

}
