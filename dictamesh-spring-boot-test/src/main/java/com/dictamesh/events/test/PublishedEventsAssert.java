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

package com.dictamesh.events.test;

import java.util.function.Predicate;

import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on {@link PublishedEvents}. The {@code contains...} and
 * {@code with...} methods narrow the events under test, so that a chain reads as one
 * expectation:
 * {@code assertThat(events.published()).containsEventOfType("entity.created").forEntity("product", "42").hasSize(1)}.
 */
public class PublishedEventsAssert extends AbstractAssert<PublishedEventsAssert, PublishedEvents> {

	private final String description;

	PublishedEventsAssert(PublishedEvents actual) {
		this(actual, "published events");
	}

	private PublishedEventsAssert(PublishedEvents actual, String description) {
		super(actual, PublishedEventsAssert.class);
		this.description = description;
	}

	/**
	 * Verify that an event of the given type was published, and narrow to the events of
	 * that type.
	 * @param eventType the event type
	 * @return assertions on the events of that type
	 */
	public PublishedEventsAssert containsEventOfType(String eventType) {
		return narrow(this.actual.ofType(eventType), "of type " + eventType);
	}

	/**
	 * Verify that no event of the given type was published.
	 * @param eventType the event type
	 * @return this
	 */
	public PublishedEventsAssert doesNotContainEventOfType(String eventType) {
		isNotNull();
		PublishedEvents matching = this.actual.ofType(eventType);
		if (!matching.isEmpty()) {
			failWithMessage("Expected no %s of type %s but found %s", this.description, eventType, matching);
		}
		return this;
	}

	/**
	 * Verify that some of the events are of the given entity, and narrow to them.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @return assertions on the entity's events
	 */
	public PublishedEventsAssert forEntity(String entityType, String entityId) {
		return narrow(this.actual.forEntity(entityType, entityId), "for entity " + entityType + ":" + entityId);
	}

	/**
	 * Verify that some of the events were sent with the given key, and narrow to them.
	 * @param key the record key
	 * @return assertions on the events with that key
	 */
	public PublishedEventsAssert withKey(String key) {
		return narrow(this.actual.withKey(key), "with key " + key);
	}

	/**
	 * Verify that some of the events were sent to the given topic, and narrow to them.
	 * @param topic the topic
	 * @return assertions on the events of that topic
	 */
	public PublishedEventsAssert onTopic(String topic) {
		return narrow(this.actual.onTopic(topic), "on topic " + topic);
	}

	/**
	 * Verify that the payload of some of the events, converted to the given type,
	 * matches, and narrow to them.
	 * @param <T> the payload type
	 * @param type the payload type
	 * @param predicate the condition on the payload
	 * @return assertions on the matching events
	 */
	public <T> PublishedEventsAssert withPayload(Class<T> type, Predicate<? super T> predicate) {
		return narrow(this.actual.withPayload(type, predicate), "with a matching " + type.getSimpleName() + " payload");
	}

	/**
	 * Verify the number of events.
	 * @param expected the expected number
	 * @return this
	 */
	public PublishedEventsAssert hasSize(int expected) {
		isNotNull();
		if (this.actual.size() != expected) {
			failWithMessage("Expected %d %s but found %d: %s", expected, this.description, this.actual.size(),
					this.actual);
		}
		return this;
	}

	/**
	 * Verify that there are no events.
	 * @return this
	 */
	public PublishedEventsAssert isEmpty() {
		return hasSize(0);
	}

	private PublishedEventsAssert narrow(PublishedEvents narrowed, String condition) {
		isNotNull();
		if (narrowed.isEmpty()) {
			failWithMessage("Expected %s %s but found none among %s", this.description, condition, this.actual);
		}
		return new PublishedEventsAssert(narrowed, this.description + " " + condition);
	}

}
