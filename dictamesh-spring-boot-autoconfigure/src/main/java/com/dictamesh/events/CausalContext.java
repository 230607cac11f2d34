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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The causal context of the code running now: the event being handled, if any, and the
 * flow it belongs to. Events published while it is current get its correlation id, the
 * handled event's id as causation id, and its user, session and tags, unless they set
 * their own. Read it with {@link EventContext#current()}, set it with
 * {@link EventContext#runWith(CausalContext, Runnable)}.
 *
 * @param eventId id of the event being handled, the cause of the events published now, or
 * {@code null} when no event is being handled (an HTTP request, a batch job)
 * @param eventType type of the event being handled, or {@code null}
 * @param correlationId id of the business flow
 * @param causationId the causation id of the event being handled, or {@code null}
 * @param userId user on whose behalf the flow runs, or {@code null}
 * @param sessionId session in which the flow runs, or {@code null}
 * @param tags tags that events published now inherit
 */
public record CausalContext(@Nullable String eventId, @Nullable String eventType, String correlationId,
		@Nullable String causationId, @Nullable String userId, @Nullable String sessionId, Map<String, String> tags) {

	public CausalContext {
		Assert.isTrue(StringUtils.hasText(correlationId), "A causal context needs a correlation id");
		tags = (tags != null) ? Map.copyOf(tags) : Map.of();
	}

	/**
	 * Return the context in which an event is handled: the flow of the event, or one that
	 * starts with it (its own id as correlation id) when it carries no correlation id.
	 * @param event the event being handled
	 * @return the context
	 */
	public static CausalContext handling(Event event) {
		EventMetadata metadata = event.metadata();
		String correlationId = StringUtils.hasText(metadata.correlationId()) ? metadata.correlationId()
				: event.eventId();
		return new CausalContext(event.eventId(), event.eventType(), correlationId, metadata.causationId(),
				metadata.userId(), metadata.sessionId(), metadata.tags());
	}

	/**
	 * Return the context of a new flow that no event caused, such as an HTTP request or a
	 * batch job.
	 * @param correlationId the id of the flow, or {@code null} for a new random one
	 * @return the context
	 */
	public static CausalContext startingFlow(@Nullable String correlationId) {
		return new CausalContext(null, null,
				StringUtils.hasText(correlationId) ? correlationId : UUID.randomUUID().toString(), null, null, null,
				Map.of());
	}

	/**
	 * Return a copy with the given user and session.
	 * @param userId the user id
	 * @param sessionId the session id
	 * @return the new context
	 */
	public CausalContext withUser(@Nullable String userId, @Nullable String sessionId) {
		return new CausalContext(this.eventId, this.eventType, this.correlationId, this.causationId, userId, sessionId,
				this.tags);
	}

	/**
	 * Return a copy with the given tags.
	 * @param tags the tags that events published in the context inherit
	 * @return the new context
	 */
	public CausalContext withTags(Map<String, String> tags) {
		return new CausalContext(this.eventId, this.eventType, this.correlationId, this.causationId, this.userId,
				this.sessionId, tags);
	}

	/**
	 * Return the metadata of an event published in this context: the values the event
	 * set, and this context's values where it set none. Tags are merged, the event's
	 * winning.
	 * @param metadata the metadata the event was built with
	 * @return the completed metadata
	 */
	public EventMetadata complete(EventMetadata metadata) {
		Map<String, String> tags = this.tags;
		if (!metadata.tags().isEmpty()) {
			tags = new LinkedHashMap<>(this.tags);
			tags.putAll(metadata.tags());
		}
		return new EventMetadata(firstText(metadata.correlationId(), this.correlationId),
				firstText(metadata.causationId(), this.eventId), firstText(metadata.userId(), this.userId),
				firstText(metadata.sessionId(), this.sessionId), tags);
	}

	private static @Nullable String firstText(@Nullable String value, @Nullable String fallback) {
		return StringUtils.hasText(value) ? value : fallback;
	}

}
