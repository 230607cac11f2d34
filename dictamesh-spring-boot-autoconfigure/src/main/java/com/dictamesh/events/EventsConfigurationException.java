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

package com.dictamesh.events;

/**
 * Thrown at start-up when a setting or a handler declaration cannot work. Spring Boot's
 * failure analysis prints its description and the action that fixes it.
 */
public class EventsConfigurationException extends RuntimeException {

	private final String action;

	/**
	 * Create an exception.
	 * @param description what is wrong
	 * @param action what fixes it
	 */
	public EventsConfigurationException(String description, String action) {
		super(description);
		this.action = action;
	}

	/**
	 * Create an exception about an invalid property value.
	 * @param property the full property name
	 * @param value the invalid value
	 * @param reason why it is invalid
	 * @param fix what to set instead
	 * @return the exception
	 */
	public static EventsConfigurationException invalidProperty(String property, Object value, String reason,
			String fix) {
		return new EventsConfigurationException(
				"Invalid value '" + value + "' for property '" + property + "': " + reason + ".",
				"Update property '" + property + "': " + fix + ".");
	}

	/**
	 * Return what fixes the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
