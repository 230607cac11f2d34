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
 * The database is stopped under load and started again on the same port and data, without
 * restarting the service: the writer's transactions fail meanwhile, and the relay and the
 * handler resume by themselves once the database is back.
 */
class DatabaseRestartedUnderLoad extends ProcessFaultScenario {

	@Override
	public String name() {
		return "Database stopped and restarted under load";
	}

	@Override
	Outcome observe(Scale scale, Path directory) throws Exception {
		try (Testbed testbed = Testbed.start(directory, scale.events(), scale.rate())) {
			Testbed.Progress stopped = awaitFaultPoint(testbed, scale);
			testbed.postgres().stop();
			// The outage is the fault itself, not a wait for something to happen.
			Thread.sleep(scale.outage().toMillis());
			testbed.postgres().start();
			Resumption resumption = awaitResumption(testbed, scale);
			Duration relayResumed = resumption.relay();
			Duration handlerResumed = resumption.handler();
			boolean settled = testbed.awaitSettled(scale.events(), settleTimeout(scale));
			Testbed.Counts counts = testbed.count();
			String fault = String.format("Stopped at about %d of %d published, %s away, restarted", stopped.published(),
					scale.events(), seconds(scale.outage()));
			String recovery = "After the database restart the relay resumed in " + seconds(relayResumed)
					+ ", the handler in " + seconds(handlerResumed) + ", the service never restarted"
					+ (settled ? "" : "; NOT settled within " + seconds(settleTimeout(scale)));
			return new Outcome(counts.tally(name(), fault, recovery), counts, relayResumed, handlerResumed, settled);
		}
	}

}
