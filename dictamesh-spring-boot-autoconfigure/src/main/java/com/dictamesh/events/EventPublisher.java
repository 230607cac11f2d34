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

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Publishes {@link Event events} to Kafka. The record key is the event's
 * {@link Event#partitionKey() partition key}, so the events of one entity stay in order;
 * the topic comes from the application's {@code TopicResolver}. Missing envelope values
 * are filled in: the source (the application's name), the trace and span ids.
 * <p>
 * Publishing is asynchronous and at least once: the returned future completes when the
 * broker acknowledged the record with the configured {@code acks}.
 */
public interface EventPublisher {

	/**
	 * Publish an event.
	 * @param event the event
	 * @return a future of where the event was written
	 */
	CompletableFuture<PublishResult> publish(Event event);

	/**
	 * Publish an {@code entity.created} event.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @param data the created entity
	 * @return a future of where the event was written
	 */
	default CompletableFuture<PublishResult> entityCreated(String entityType, String entityId, @Nullable Object data) {
		return publish(Event.entityCreated(entityType, entityId, data).build());
	}

	/**
	 * Publish an {@code entity.updated} event.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @param data the entity after the update
	 * @param changedFields the names of the changed fields
	 * @param previousData the changed fields' values before the update
	 * @return a future of where the event was written
	 */
	default CompletableFuture<PublishResult> entityUpdated(String entityType, String entityId, @Nullable Object data,
			@Nullable List<String> changedFields, @Nullable Object previousData) {
		return publish(Event.entityUpdated(entityType, entityId, data, changedFields, previousData).build());
	}

	/**
	 * Publish an {@code entity.deleted} event.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @return a future of where the event was written
	 */
	default CompletableFuture<PublishResult> entityDeleted(String entityType, String entityId) {
		return publish(Event.entityDeleted(entityType, entityId).build());
	}

	/**
	 * Publish a {@code relationship.created} event.
	 * @param relationshipType the relationship type
	 * @param subjectType the subject entity's type
	 * @param subjectId the subject entity's id
	 * @param objectType the object entity's type
	 * @param objectId the object entity's id
	 * @return a future of where the event was written
	 */
	default CompletableFuture<PublishResult> relationshipCreated(String relationshipType, String subjectType,
			String subjectId, String objectType, String objectId) {
		return publish(
				Event.relationshipCreated(relationshipType, subjectType, subjectId, objectType, objectId).build());
	}

	/**
	 * Publish a {@code relationship.deleted} event.
	 * @param relationshipType the relationship type
	 * @param subjectType the subject entity's type
	 * @param subjectId the subject entity's id
	 * @param objectType the object entity's type
	 * @param objectId the object entity's id
	 * @return a future of where the event was written
	 */
	default CompletableFuture<PublishResult> relationshipDeleted(String relationshipType, String subjectType,
			String subjectId, String objectType, String objectId) {
		return publish(
				Event.relationshipDeleted(relationshipType, subjectType, subjectId, objectType, objectId).build());
	}

}
