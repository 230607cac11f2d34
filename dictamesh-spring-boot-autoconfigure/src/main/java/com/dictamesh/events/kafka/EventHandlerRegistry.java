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

import com.dictamesh.events.EventsConfigurationException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link EventHandlerMethod handler methods} found in the application context.
 */
public class EventHandlerRegistry {

	private final List<EventHandlerMethod> handlers = new CopyOnWriteArrayList<>();

	void register(EventHandlerMethod handler) {
		for (EventHandlerMethod existing : this.handlers) {
			if (existing.id().equals(handler.id())) {
				throw new EventsConfigurationException(
						"Two @DictameshEventHandler methods have the id '" + handler.id() + "'.",
						"Give one of them another id.");
			}
		}
		this.handlers.add(handler);
	}

	/**
	 * Return the registered handlers.
	 * @return the handlers
	 */
	public List<EventHandlerMethod> handlers() {
		return List.copyOf(this.handlers);
	}

}
