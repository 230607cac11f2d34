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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The DictaMesh event envelope: one per Kafka record, written as snake_case JSON.
 * <p>
 * Create one with a factory for a standard type ({@link #entityCreated},
 * {@link #relationshipCreated}, ...) or with {@link #builder(String)} for any type. The
 * {@code data} payload may be any value that serializes to a JSON object; on a received
 * event it is a {@code Map}, and a {@link DictameshEventHandler} method can take it as
 * the application's own type instead.
 *
 * @param eventId unique id of the event (a UUID unless the producer chose otherwise)
 * @param eventType type such as {@code entity.created}
 * @param eventVersion version of the envelope format
 * @param timestamp when the event occurred
 * @param source adapter or service that produced the event
 * @param sourceEntityId id of the entity in the source system
 * @param entityId canonical id of the entity
 * @param entityType type of the entity, such as {@code product}
 * @param domain domain the entity belongs to
 * @param schemaVersion version of the entity's schema
 * @param data the payload
 * @param changedFields names of the fields an update changed
 * @param previousData the values of the changed fields before an update
 * @param metadata causal and user context
 * @param traceId trace in which the event was produced
 * @param spanId span in which the event was produced
 * @param relationshipId id of the relationship, for relationship events
 * @param relationshipType type of the relationship
 * @param subjectId id of the relationship's subject entity
 * @param subjectType type of the relationship's subject entity
 * @param objectId id of the relationship's object entity
 * @param objectType type of the relationship's object entity
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(@JsonProperty("event_id") String eventId, @JsonProperty("event_type") String eventType,
		@JsonProperty("event_version") String eventVersion,
		@JsonProperty("timestamp") @JsonFormat(shape = JsonFormat.Shape.STRING) Instant timestamp,
		@JsonProperty("source") @Nullable String source,
		@JsonProperty("source_entity_id") @Nullable String sourceEntityId,
		@JsonProperty("entity_id") @Nullable String entityId, @JsonProperty("entity_type") @Nullable String entityType,
		@JsonProperty("domain") @Nullable String domain, @JsonProperty("schema_version") @Nullable String schemaVersion,
		@JsonProperty("data") @Nullable Object data,
		@JsonProperty("changed_fields") @Nullable List<String> changedFields,
		@JsonProperty("previous_data") @Nullable Object previousData, @JsonProperty("metadata") EventMetadata metadata,
		@JsonProperty("trace_id") @Nullable String traceId, @JsonProperty("span_id") @Nullable String spanId,
		@JsonProperty("relationship_id") @Nullable String relationshipId,
		@JsonProperty("relationship_type") @Nullable String relationshipType,
		@JsonProperty("subject_id") @Nullable String subjectId,
		@JsonProperty("subject_type") @Nullable String subjectType,
		@JsonProperty("object_id") @Nullable String objectId,
		@JsonProperty("object_type") @Nullable String objectType) {

	/**
	 * The envelope version this library writes.
	 */
	public static final String CURRENT_VERSION = "1.0.0";

	public Event {
		Assert.isTrue(StringUtils.hasText(eventId), "An event needs an event_id");
		Assert.isTrue(StringUtils.hasText(eventType), "An event needs an event_type");
		Assert.notNull(timestamp, "An event needs a timestamp");
		eventVersion = StringUtils.hasText(eventVersion) ? eventVersion : CURRENT_VERSION;
		metadata = (metadata != null) ? metadata : EventMetadata.EMPTY;
		changedFields = (changedFields != null) ? List.copyOf(changedFields) : null;
	}

	/**
	 * Return the Kafka record key that keeps this event in order with the other events of
	 * the same entity: {@code {entity_type}:{entity_id}} for entity events,
	 * {@code rel:{subject_type}:{subject_id}} for relationship events, {@code null} for
	 * events about no entity.
	 * @return the partition key or {@code null}
	 */
	public @Nullable String partitionKey() {
		if (this.subjectId != null && this.subjectType != null) {
			return "rel:" + this.subjectType + ":" + this.subjectId;
		}
		if (this.entityId != null && this.entityType != null) {
			return this.entityType + ":" + this.entityId;
		}
		return null;
	}

	/**
	 * Return this event with other metadata: what an enricher does to each event
	 * published, without a builder's copy.
	 * @param metadata the metadata
	 * @return the event with that metadata
	 */
	public Event withMetadata(EventMetadata metadata) {
		return new Event(this.eventId, this.eventType, this.eventVersion, this.timestamp, this.source,
				this.sourceEntityId, this.entityId, this.entityType, this.domain, this.schemaVersion, this.data,
				this.changedFields, this.previousData, metadata, this.traceId, this.spanId, this.relationshipId,
				this.relationshipType, this.subjectId, this.subjectType, this.objectId, this.objectType);
	}

	/**
	 * Return a builder initialised with the values of this event.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Start an event of any type, with a new id and the current time.
	 * @param eventType the event type
	 * @return a builder
	 */
	public static Builder builder(String eventType) {
		return new Builder(eventType);
	}

	/**
	 * Start an {@code entity.created} event.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @param data the created entity
	 * @return a builder
	 */
	public static Builder entityCreated(String entityType, String entityId, @Nullable Object data) {
		return builder(EventTypes.ENTITY_CREATED).entity(entityType, entityId).data(data);
	}

	/**
	 * Start an {@code entity.updated} event.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @param data the entity after the update
	 * @param changedFields the names of the changed fields
	 * @param previousData the changed fields' values before the update
	 * @return a builder
	 */
	public static Builder entityUpdated(String entityType, String entityId, @Nullable Object data,
			@Nullable List<String> changedFields, @Nullable Object previousData) {
		return builder(EventTypes.ENTITY_UPDATED).entity(entityType, entityId)
			.data(data)
			.changedFields(changedFields)
			.previousData(previousData);
	}

	/**
	 * Start an {@code entity.deleted} event.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @return a builder
	 */
	public static Builder entityDeleted(String entityType, String entityId) {
		return builder(EventTypes.ENTITY_DELETED).entity(entityType, entityId);
	}

	/**
	 * Start a {@code relationship.created} event.
	 * @param relationshipType the relationship type
	 * @param subjectType the subject entity's type
	 * @param subjectId the subject entity's id
	 * @param objectType the object entity's type
	 * @param objectId the object entity's id
	 * @return a builder
	 */
	public static Builder relationshipCreated(String relationshipType, String subjectType, String subjectId,
			String objectType, String objectId) {
		return builder(EventTypes.RELATIONSHIP_CREATED).relationship(relationshipType, subjectType, subjectId,
				objectType, objectId);
	}

	/**
	 * Start a {@code relationship.deleted} event.
	 * @param relationshipType the relationship type
	 * @param subjectType the subject entity's type
	 * @param subjectId the subject entity's id
	 * @param objectType the object entity's type
	 * @param objectId the object entity's id
	 * @return a builder
	 */
	public static Builder relationshipDeleted(String relationshipType, String subjectType, String subjectId,
			String objectType, String objectId) {
		return builder(EventTypes.RELATIONSHIP_DELETED).relationship(relationshipType, subjectType, subjectId,
				objectType, objectId);
	}

	/**
	 * Builds an {@link Event}.
	 */
	public static final class Builder {

		private String eventId;

		private String eventType;

		private String eventVersion = CURRENT_VERSION;

		private Instant timestamp;

		private @Nullable String source;

		private @Nullable String sourceEntityId;

		private @Nullable String entityId;

		private @Nullable String entityType;

		private @Nullable String domain;

		private @Nullable String schemaVersion;

		private @Nullable Object data;

		private @Nullable List<String> changedFields;

		private @Nullable Object previousData;

		private EventMetadata metadata = EventMetadata.EMPTY;

		private @Nullable String traceId;

		private @Nullable String spanId;

		private @Nullable String relationshipId;

		private @Nullable String relationshipType;

		private @Nullable String subjectId;

		private @Nullable String subjectType;

		private @Nullable String objectId;

		private @Nullable String objectType;

		private Builder(String eventType) {
			this.eventId = UUID.randomUUID().toString();
			this.eventType = eventType;
			this.timestamp = Instant.now();
		}

		private Builder(Event event) {
			this.eventId = event.eventId;
			this.eventType = event.eventType;
			this.eventVersion = event.eventVersion;
			this.timestamp = event.timestamp;
			this.source = event.source;
			this.sourceEntityId = event.sourceEntityId;
			this.entityId = event.entityId;
			this.entityType = event.entityType;
			this.domain = event.domain;
			this.schemaVersion = event.schemaVersion;
			this.data = event.data;
			this.changedFields = event.changedFields;
			this.previousData = event.previousData;
			this.metadata = event.metadata;
			this.traceId = event.traceId;
			this.spanId = event.spanId;
			this.relationshipId = event.relationshipId;
			this.relationshipType = event.relationshipType;
			this.subjectId = event.subjectId;
			this.subjectType = event.subjectType;
			this.objectId = event.objectId;
			this.objectType = event.objectType;
		}

		public Builder eventId(String eventId) {
			this.eventId = eventId;
			return this;
		}

		public Builder eventType(String eventType) {
			this.eventType = eventType;
			return this;
		}

		public Builder eventVersion(String eventVersion) {
			this.eventVersion = eventVersion;
			return this;
		}

		public Builder timestamp(Instant timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		public Builder source(@Nullable String source) {
			this.source = source;
			return this;
		}

		public Builder sourceEntityId(@Nullable String sourceEntityId) {
			this.sourceEntityId = sourceEntityId;
			return this;
		}

		public Builder entity(String entityType, String entityId) {
			this.entityType = entityType;
			this.entityId = entityId;
			return this;
		}

		public Builder domain(@Nullable String domain) {
			this.domain = domain;
			return this;
		}

		public Builder schemaVersion(@Nullable String schemaVersion) {
			this.schemaVersion = schemaVersion;
			return this;
		}

		public Builder data(@Nullable Object data) {
			this.data = data;
			return this;
		}

		public Builder changedFields(@Nullable List<String> changedFields) {
			this.changedFields = changedFields;
			return this;
		}

		public Builder previousData(@Nullable Object previousData) {
			this.previousData = previousData;
			return this;
		}

		public Builder metadata(EventMetadata metadata) {
			this.metadata = metadata;
			return this;
		}

		public Builder correlationId(@Nullable String correlationId) {
			this.metadata = this.metadata.withCorrelationId(correlationId);
			return this;
		}

		public Builder causationId(@Nullable String causationId) {
			this.metadata = this.metadata.withCausationId(causationId);
			return this;
		}

		public Builder trace(@Nullable String traceId, @Nullable String spanId) {
			this.traceId = traceId;
			this.spanId = spanId;
			return this;
		}

		public Builder relationship(String relationshipType, String subjectType, String subjectId, String objectType,
				String objectId) {
			this.relationshipType = relationshipType;
			this.subjectType = subjectType;
			this.subjectId = subjectId;
			this.objectType = objectType;
			this.objectId = objectId;
			if (this.relationshipId == null) {
				this.relationshipId = subjectType + ":" + subjectId + ":" + relationshipType + ":" + objectType + ":"
						+ objectId;
			}
			return this;
		}

		public Builder relationshipId(@Nullable String relationshipId) {
			this.relationshipId = relationshipId;
			return this;
		}

		public Event build() {
			return new Event(this.eventId, this.eventType, this.eventVersion, this.timestamp, this.source,
					this.sourceEntityId, this.entityId, this.entityType, this.domain, this.schemaVersion, this.data,
					this.changedFields, this.previousData, this.metadata, this.traceId, this.spanId,
					this.relationshipId, this.relationshipType, this.subjectId, this.subjectType, this.objectId,
					this.objectType);
		}

	}

}
