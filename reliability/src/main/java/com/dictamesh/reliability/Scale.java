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

/**
 * How big a reliability run is.
 *
 * @param name {@code fast} for the run in the test suite, {@code long} for the documented
 * long run
 * @param events the events each scenario sends (scenarios may scale it)
 */
record Scale(String name, int events) {

	/**
	 * The run in the test suite: seconds per scenario.
	 */
	static final Scale FAST = new Scale("fast", 2_000);

	/**
	 * The long run, by {@code ./reliability.sh}: the figures to report.
	 */
	static final Scale LONG = new Scale("long", 100_000);

}
