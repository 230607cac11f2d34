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
 * The standard DictaMesh event types. Applications define their own types as plain
 * strings, preferably in the {@code {domain}.{entity}.{action}} form.
 */
public final class EventTypes {

	/** An entity was created. */
	public static final String ENTITY_CREATED = "entity.created";

	/** An entity was updated. */
	public static final String ENTITY_UPDATED = "entity.updated";

	/** An entity was deleted. */
	public static final String ENTITY_DELETED = "entity.deleted";

	/** An entity was read (audit). */
	public static final String ENTITY_READ = "entity.read";

	/** Two entities were linked. */
	public static final String RELATIONSHIP_CREATED = "relationship.created";

	/** Two entities were unlinked. */
	public static final String RELATIONSHIP_DELETED = "relationship.deleted";

	/** A schema was registered. */
	public static final String SCHEMA_REGISTERED = "schema.registered";

	/** A schema was updated. */
	public static final String SCHEMA_UPDATED = "schema.updated";

	/** A schema was deprecated. */
	public static final String SCHEMA_DEPRECATED = "schema.deprecated";

	/** A synchronization started. */
	public static final String SYNC_STARTED = "sync.started";

	/** A synchronization completed. */
	public static final String SYNC_COMPLETED = "sync.completed";

	/** A synchronization failed. */
	public static final String SYNC_FAILED = "sync.failed";

	/** An adapter started. */
	public static final String ADAPTER_STARTED = "adapter.started";

	/** An adapter stopped. */
	public static final String ADAPTER_STOPPED = "adapter.stopped";

	/** A health check ran. */
	public static final String HEALTH_CHECK = "health.check";

	/** A cache entry was invalidated. */
	public static final String CACHE_INVALIDATED = "cache.invalidated";

	/** A cache was pre-warmed. */
	public static final String CACHE_WARMED = "cache.warmed";

	private EventTypes() {
	}

}
