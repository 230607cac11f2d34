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
 * What a scenario did to the events: one row of the results table.
 *
 * @param scenario the scenario's name
 * @param fault the fault injected, in a few words, such as {@code SIGKILL at 40% relayed,
 * restart}
 * @param sent the events written (committed to the outbox, or produced to the topic)
 * @param received the distinct events that reached their destination (the topic, the
 * dead-letter topic, or the handler's effect)
 * @param duplicated deliveries beyond the first of an event, counted where they land
 * (records on the topic, or handler effects, as {@code note} says)
 * @param lost the events sent that never arrived
 * @param note what else a reader needs: recovery time, lag at the end, where duplicates
 * were absorbed
 */
record Tally(String scenario, String fault, long sent, long received, long duplicated, long lost, String note) {

	/**
	 * Return whether nothing was lost.
	 * @return {@code true} if every event sent arrived
	 */
	boolean lostNothing() {
		return this.lost == 0 && this.received == this.sent;
	}

}
