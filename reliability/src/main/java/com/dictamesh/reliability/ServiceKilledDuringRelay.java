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
import java.time.Duration;
import java.time.Instant;

/**
 * The service is killed with SIGKILL while its relay publishes a backlog, then started
 * again: the outbox rows committed before the kill are all published, some twice (the
 * batch sent but not yet marked), and the handler applies each once.
 */
class ServiceKilledDuringRelay extends ProcessFaultScenario {

	@Override
	public String name() {
		return "Service SIGKILL during outbox relay";
	}

	@Override
	Outcome observe(Scale scale, Path directory) throws Exception {
		// Full speed: the writer runs ahead of the relay, so a backlog is in flight.
		try (Testbed testbed = Testbed.start(directory, scale.events(), 0)) {
			awaitFaultPoint(testbed, scale);
			testbed.service().kill();
			Testbed.Progress killed = testbed.current();
			Instant restarting = Instant.now();
			testbed.service().start(Testbed.startTimeout());
			Testbed.Progress resumed = testbed.await(settleTimeout(scale),
					(progress) -> progress.published() > killed.published() || progress.pending() == 0);
			Duration relayResumed = (resumed != null) ? Duration.between(restarting, Instant.now()) : null;
			boolean settled = testbed.awaitSettled(scale.events(), settleTimeout(scale));
			Testbed.Counts counts = testbed.count();
			String fault = String.format("SIGKILL at %d of %d published (%d pending), restart", killed.published(),
					scale.events(), killed.pending());
			String recovery = "Relay resumed " + seconds(relayResumed)
					+ " after the restart began (start-up, then the killed instance's 10 s leases expire)"
					+ (settled ? "" : "; NOT settled within " + seconds(settleTimeout(scale)));
			return new Outcome(counts.tally(name(), fault, recovery), counts, relayResumed, null, settled);
		}
	}

}
