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

package com.dictamesh.events.kafka;

import java.util.List;
import java.util.function.Consumer;

import com.dictamesh.events.Event;

/**
 * Runs one handler method on one event; the starter's idempotency wraps the call in a
 * transaction with the event's processed mark.
 */
@FunctionalInterface
public interface EventHandlerExecution {

	/**
	 * Calls handlers directly.
	 */
	EventHandlerExecution DIRECT = (handler, groupId, event, invocation) -> invocation.run();

	/**
	 * Run a handler on an event.
	 * @param handler the handler
	 * @param groupId the handler's consumer group
	 * @param event the event
	 * @param invocation calls the handler method
	 */
	void execute(EventHandlerMethod handler, String groupId, Event event, Runnable invocation);

	/**
	 * Run a batch handler on the events of a poll that it takes.
	 * @param handler the handler
	 * @param groupId the handler's consumer group
	 * @param events the events
	 * @param invocation calls the handler method with the events it should apply
	 */
	default void executeBatch(EventHandlerMethod handler, String groupId, List<Event> events,
			Consumer<List<Event>> invocation) {
		invocation.accept(events);
	}

}
