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

import com.dictamesh.events.Event;
import org.jspecify.annotations.Nullable;

/**
 * Turns the application's own Spring application events into DictaMesh events for the
 * outbox, when {@code dictamesh.events.outbox.application-events} is on. Declare one bean
 * per type of event you want written; return {@code null} for the others.
 */
@FunctionalInterface
public interface ApplicationEventMapper {

	/**
	 * Return the event to write for an application event.
	 * @param applicationEvent the application event, or the payload of one published as a
	 * plain object
	 * @return the event, or {@code null} if this mapper does not handle the type
	 */
	@Nullable Event map(Object applicationEvent);

}
