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

/**
 * One fault and what it did to the events: run against real processes, it returns what
 * was sent, received, duplicated and lost.
 */
interface Scenario {

	/**
	 * Return the scenario's short name, as in the results table.
	 * @return the name, such as {@code service SIGKILL during relay}
	 */
	String name();

	/**
	 * Inject the fault and count what happened to the events.
	 * @param scale how many events and how long
	 * @param directory a working directory of the scenario's own, for broker data and
	 * logs
	 * @return the tally
	 * @throws Exception if the scenario could not be run (not if events were lost: that
	 * is the tally's to say)
	 */
	Tally run(Scale scale, Path directory) throws Exception;

}
