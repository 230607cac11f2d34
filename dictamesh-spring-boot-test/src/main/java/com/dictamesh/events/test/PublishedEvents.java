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

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The events an application published during a test, in the order they were sent: a
 * snapshot, narrowed by type, entity, key or payload. Assert on it with
 * {@link DictameshAssertions#assertThat(PublishedEvents)}.
 */
public final class PublishedEvents implements Iterable<PublishedEvent> {

	private final List<PublishedEvent> events;

	PublishedEvents(List<PublishedEvent> events) {
		this.events = List.copyOf(events);
	}

	/**
	 * Return the events of the given type.
	 * @param eventType the event type, such as {@code entity.created}
	 * @return the events of that type
	 */
	public PublishedEvents ofType(String eventType) {
		return matching((event) -> event.eventType().equals(eventType));
	}

	/**
	 * Return the events of the given entity.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @return the events of that entity
	 */
	public PublishedEvents forEntity(String entityType, String entityId) {
		return matching(
				(event) -> entityType.equals(event.event().entityType()) && entityId.equals(event.event().entityId()));
	}

	/**
	 * Return the events sent with the given record key.
	 * @param key the key, such as {@code product:42}
	 * @return the events with that key
	 */
	public PublishedEvents withKey(@Nullable String key) {
		return matching((event) -> Objects.equals(key, event.key()));
	}

	/**
	 * Return the events sent to the given topic.
	 * @param topic the topic
	 * @return the events sent to it
	 */
	public PublishedEvents onTopic(String topic) {
		return matching((event) -> event.topic().equals(topic));
	}

	/**
	 * Return the events whose payload, converted to the given type, matches.
	 * @param <T> the payload type
	 * @param type the payload type
	 * @param predicate the condition on the payload
	 * @return the matching events
	 */
	public <T> PublishedEvents withPayload(Class<T> type, Predicate<? super T> predicate) {
		return matching((event) -> {
			T payload = event.payload(type);
			return payload != null && predicate.test(payload);
		});
	}

	/**
	 * Return the events that match.
	 * @param predicate the condition
	 * @return the matching events
	 */
	public PublishedEvents matching(Predicate<? super PublishedEvent> predicate) {
		return new PublishedEvents(this.events.stream().filter(predicate).toList());
	}

	/**
	 * Return the events as a list.
	 * @return the events
	 */
	public List<PublishedEvent> list() {
		return this.events;
	}

	/**
	 * Return the events as a stream.
	 * @return the events
	 */
	public Stream<PublishedEvent> stream() {
		return this.events.stream();
	}

	/**
	 * Return the number of events.
	 * @return the size
	 */
	public int size() {
		return this.events.size();
	}

	/**
	 * Return whether there are no events.
	 * @return whether empty
	 */
	public boolean isEmpty() {
		return this.events.isEmpty();
	}

	@Override
	public Iterator<PublishedEvent> iterator() {
		return this.events.iterator();
	}

	@Override
	public String toString() {
		return this.events.toString();
	}

}
