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
package com.dictamesh.reliability;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process-level scenarios at the scale of the test suite, against real processes: a
 * standalone KRaft broker, an embedded PostgreSQL and the reliability service, each
 * killed or stopped in turn. The scenarios run at the same time, each with processes of
 * its own, to keep the suite's time within a few minutes.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReliabilityFastTests {

	@TempDir
	Path directory;

	@Test
	void serviceKilledDuringRelayLosesNothingAndAppliesEachEventOnce() throws Exception {
		ProcessFaultScenario.Outcome outcome = new ServiceKilledDuringRelay().observe(Scale.FAST, this.directory);
		assertLostNothing(outcome);
		assertThat(outcome.relayResumed()).as("the restarted relay published").isNotNull();
	}

	@Test
	void brokerKilledWhilePublishingAndConsumingLosesNothingAndAppliesEachEventOnce() throws Exception {
		ProcessFaultScenario.Outcome outcome = new BrokerKilledUnderLoad().observe(Scale.FAST, this.directory);
		assertLostNothing(outcome);
		assertThat(outcome.relayResumed()).as("the relay resumed after the broker restart").isNotNull();
		assertThat(outcome.handlerResumed()).as("the handler resumed after the broker restart").isNotNull();
	}

	@Test
	void databaseRestartedUnderLoadLetsRelayAndHandlerResumeByThemselves() throws Exception {
		ProcessFaultScenario.Outcome outcome = new DatabaseRestartedUnderLoad().observe(Scale.FAST, this.directory);
		assertLostNothing(outcome);
		assertThat(outcome.relayResumed()).as("the relay resumed after the database restart").isNotNull();
		assertThat(outcome.handlerResumed()).as("the handler resumed after the database restart").isNotNull();
	}

	static void assertLostNothing(ProcessFaultScenario.Outcome outcome) {
		Tally tally = outcome.tally();
		Testbed.Counts counts = outcome.counts();
		// What the issue asks every scenario to print: sent, received, duplicated, lost.
		System.out.println(tally);
		assertThat(outcome.settled()).as("settled: %s", tally).isTrue();
		assertThat(tally.sent()).as("orders written with their events").isEqualTo(Scale.FAST.events());
		assertThat(tally.lost()).as("lost: %s", tally).isZero();
		assertThat(tally.received()).as("received: %s", tally).isEqualTo(tally.sent());
		assertThat(counts.applied()).as("applied: %s", tally).isEqualTo(tally.sent());
		assertThat(counts.effectDuplicates()).as("effects duplicated: %s", tally).isZero();
		assertThat(counts.deadLettered()).as("dead-lettered: %s", tally).isZero();
	}

}
