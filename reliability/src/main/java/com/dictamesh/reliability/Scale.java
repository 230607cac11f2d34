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

import java.time.Duration;

/**
 * How big a reliability run is.
 *
 * @param name {@code fast} for the run in the test suite, {@code long} for the documented
 * long run
 * @param events the events each scenario sends (scenarios may scale it)
 * @param rate the events per second a service writes while a fault is injected into a
 * process around it
 * @param outage how long a stopped process (the database) stays away
 */
record Scale(String name, int events, int rate, Duration outage) {

	/**
	 * The run in the test suite: seconds per scenario.
	 */
	static final Scale FAST = new Scale("fast", 2_000, 250, Duration.ofSeconds(5));

	/**
	 * The long run, by {@code ./reliability.sh}: the figures to report.
	 */
	static final Scale LONG = new Scale("long", 100_000, 1_000, Duration.ofSeconds(20));

}
