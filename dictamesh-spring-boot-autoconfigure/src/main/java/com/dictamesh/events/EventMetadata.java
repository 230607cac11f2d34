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

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Causal and user context of an {@link Event}: which flow it belongs to, which event
 * caused it, and who acted.
 *
 * @param correlationId id shared by every event of one business flow
 * @param causationId id of the event that caused this one
 * @param userId user on whose behalf the event was produced
 * @param sessionId session in which the event was produced
 * @param tags free-form string tags
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventMetadata(@JsonProperty("correlation_id") @Nullable String correlationId,
		@JsonProperty("causation_id") @Nullable String causationId, @JsonProperty("user_id") @Nullable String userId,
		@JsonProperty("session_id") @Nullable String sessionId, @JsonProperty("tags") Map<String, String> tags) {

	/**
	 * Metadata with no values.
	 */
	public static final EventMetadata EMPTY = new EventMetadata(null, null, null, null, Map.of());

	public EventMetadata {
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
	}

	/**
	 * Return a copy with the given correlation id.
	 * @param correlationId the correlation id
	 * @return the new metadata
	 */
	public EventMetadata withCorrelationId(@Nullable String correlationId) {
		return new EventMetadata(correlationId, this.causationId, this.userId, this.sessionId, this.tags);
	}

	/**
	 * Return a copy with the given causation id.
	 * @param causationId the id of the causing event
	 * @return the new metadata
	 */
	public EventMetadata withCausationId(@Nullable String causationId) {
		return new EventMetadata(this.correlationId, causationId, this.userId, this.sessionId, this.tags);
	}

}
