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

/**
 * How event types map to topics.
 */
public enum TopicNaming {

	/**
	 * One topic per category, so that an entity's create, update and delete events share
	 * a partition and stay in order: {@code {prefix}entity.changed},
	 * {@code {prefix}relationship.changed}, {@code {prefix}schema.changed},
	 * {@code {prefix}cache.invalidation}, {@code {prefix}system.events}, and the default
	 * topic for other types.
	 */
	CATEGORY,

	/**
	 * One topic per event type: {@code {prefix}events.{event_type}}. Events of one entity
	 * are then ordered per type only.
	 */
	PER_TYPE

}
