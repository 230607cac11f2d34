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
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster scenarios at the scale of the test suite, against real processes: a
 * 3-broker KRaft cluster (a JVM per broker), an embedded PostgreSQL and the reliability
 * service, a broker or an instance of the service killed with SIGKILL. The two run at the
 * same time, each with processes of its own.
 */
@Execution(ExecutionMode.CONCURRENT)
class ClusterFailoverFastTests {

	// Kept when a test fails, for the logs of the brokers and the services.
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path directory;

	@Test
	void leaderBrokerKilledLosesNothingKeepsEachKeysOrderAndAppliesEachEventOnce() throws Exception {
		ClusterScenario.Failover failover = new ClusterLeaderKilled().observe(Scale.FAST, this.directory);
		assertLostNothingInOrder(failover);
		assertThat(failover.outcome().relayResumed()).as("the relay published to the new leaders").isNotNull();
		assertThat(failover.outcome().handlerResumed()).as("the handler applied records of the new leaders")
			.isNotNull();
	}

	@Test
	void instanceKilledLeavesItsWorkToTheSurvivorWhichLosesNothing() throws Exception {
		ClusterScenario.Failover failover = new ClusterInstanceKilled().observe(Scale.FAST, this.directory);
		assertLostNothingInOrder(failover);
		assertThat(failover.outcome().relayResumed()).as("the survivor published the killed instance's buckets")
			.isNotNull();
		assertThat(failover.outcome().handlerResumed()).as("the survivor applied the killed instance's partitions")
			.isNotNull();
	}

	private static void assertLostNothingInOrder(ClusterScenario.Failover failover) {
		ReliabilityFastTests.assertLostNothing(failover.outcome());
		Tally tally = failover.tally();
		assertThat(failover.topicOrder().events()).as("events ordered on the topic").isEqualTo(tally.sent());
		assertThat(failover.topicOrder().keys()).as("keys on the topic").isEqualTo(ClusterScenario.KEYS);
		assertThat(failover.topicOrder().outOfOrder()).as("order on the topic: %s", tally).isZero();
		assertThat(failover.effectOrder().events()).as("events ordered in the effects").isEqualTo(tally.sent());
		assertThat(failover.effectOrder().outOfOrder()).as("order of the effects: %s", tally).isZero();
	}

}
