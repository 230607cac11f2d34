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
package com.dictamesh.benchmarks;

import java.time.Duration;

/**
 * How much each scenario measures.
 *
 * @param repetitions measured repetitions of each side
 * @param warmUp whether each side runs once, unmeasured, before the repetitions
 * @param publishCount events per throughput repetition
 * @param rate the fixed rate of the latency scenario, events per second
 * @param latencyDuration how long each latency repetition sends at that rate
 * @param consumeCount events per consume repetition
 * @param writeTransactions transactions per outbox write repetition
 * @param backlog outbox rows per relay drain repetition
 * @param outboxRate the fixed rate of the outbox latency scenario, events per second
 */
record Settings(int repetitions, boolean warmUp, int publishCount, int rate, Duration latencyDuration, int consumeCount,
		int writeTransactions, int backlog, int outboxRate) {

	/**
	 * The full run: figures to report.
	 */
	static final Settings FULL = new Settings(5, true, 200_000, 10_000, Duration.ofSeconds(10), 100_000, 3_000, 100_000,
			1_000);

	/**
	 * A run of seconds that only proves the harness works; its figures mean nothing.
	 */
	static final Settings SMOKE = new Settings(2, false, 2_000, 2_000, Duration.ofMillis(250), 1_000, 50, 1_000, 1_000);

	/**
	 * Return these settings with the long run's backlog of a million outbox rows.
	 * @return the settings of the long run
	 */
	Settings withLongBacklog() {
		return new Settings(this.repetitions, this.warmUp, this.publishCount, this.rate, this.latencyDuration,
				this.consumeCount, this.writeTransactions, 1_000_000, this.outboxRate);
	}

	int latencyCount() {
		return (int) (this.rate * this.latencyDuration.toNanos() / 1_000_000_000L);
	}

	int outboxLatencyCount() {
		return (int) (this.outboxRate * this.latencyDuration.toNanos() / 1_000_000_000L);
	}

}
