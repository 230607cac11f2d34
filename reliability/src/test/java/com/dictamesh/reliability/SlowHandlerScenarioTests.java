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
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link SlowHandlerScenario} at the test suite's scale, or at the long run's with
 * {@code -Dreliability.scale=long}.
 */
class SlowHandlerScenarioTests {

	@TempDir
	Path directory;

	@Test
	void aDeliveryTakenFromASlowHandlerByARebalanceHasOneEffect() throws Exception {
		Scale scale = ScenarioScale.fromSystemProperty();
		Tally tally = new SlowHandlerScenario().run(scale, this.directory);
		System.out.println(tally);
		int slow = SlowHandlerScenario.slowEvents(scale);
		assertThat(tally.sent()).isEqualTo(SlowHandlerScenario.events(scale));
		assertThat(tally.lost()).isZero();
		assertThat(tally.received()).isEqualTo(tally.sent());
		assertThat(tally.duplicated()).isZero();
		// The fault happened: each slow event was delivered again after the group took
		// its partition from the slow consumer.
		assertThat(tally.note())
			.contains(slow + " events slow (6 s) on their first delivery, " + slow + " of them delivered again")
			.contains(", 0 handler invocations beyond one per event")
			.contains("lag at the end 0,");
	}

}
