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

/**
 * The broker is killed with SIGKILL while the service writes orders at a steady rate and
 * consumes their events, then started again on the same port and data: the relay and the
 * handler's consumer reconnect by themselves, nothing is lost, and the handler applies
 * each event once however often it is delivered.
 */
class BrokerKilledUnderLoad extends ProcessFaultScenario {

	@Override
	public String name() {
		return "Broker SIGKILL while publishing and consuming";
	}

	@Override
	Outcome observe(Scale scale, Path directory) throws Exception {
		try (Testbed testbed = Testbed.start(directory, scale.events(), scale.rate())) {
			awaitFaultPoint(testbed, scale);
			testbed.broker().kill();
			Testbed.Progress killed = testbed.current();
			// The broker stays away while the service writes on: an outage measured in
			// orders, for a backlog of a known size.
			long backlog = Math.min(scale.events() - killed.orders(), (long) scale.rate() * 5);
			Testbed.Progress down = testbed.await(settleTimeout(scale),
					(progress) -> progress.orders() >= killed.orders() + backlog);
			if (down == null) {
				throw new IllegalStateException(
						"The service stopped writing while the broker was down, see " + testbed.service().log());
			}
			testbed.broker().start(Testbed.startTimeout());
			Resumption resumption = awaitResumption(testbed, scale);
			Duration relayResumed = resumption.relay();
			Duration handlerResumed = resumption.handler();
			boolean settled = testbed.awaitSettled(scale.events(), settleTimeout(scale));
			Testbed.Counts counts = testbed.count();
			String fault = String.format("SIGKILL at %d of %d published, restart after %d more orders",
					killed.published(), scale.events(), down.orders() - killed.orders());
			String recovery = "After the broker restart the relay resumed in " + seconds(relayResumed)
					+ ", the handler in " + seconds(handlerResumed)
					+ (settled ? "" : "; NOT settled within " + seconds(settleTimeout(scale)));
			return new Outcome(counts.tally(name(), fault, recovery), counts, relayResumed, handlerResumed, settled);
		}
	}

}
