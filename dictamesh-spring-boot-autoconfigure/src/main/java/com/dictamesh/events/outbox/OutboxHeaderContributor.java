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

package com.dictamesh.events.outbox;

import java.util.Map;

import com.dictamesh.events.Event;

/**
 * Adds headers to an outbox row when it is written, for context that must be captured in
 * the writing thread, such as the trace: the relay publishes the row later, elsewhere.
 */
@FunctionalInterface
public interface OutboxHeaderContributor {

	/**
	 * Add headers for an event being written.
	 * @param event the event
	 * @param headers the headers of the row, to add to
	 */
	void contribute(Event event, Map<String, String> headers);

}
