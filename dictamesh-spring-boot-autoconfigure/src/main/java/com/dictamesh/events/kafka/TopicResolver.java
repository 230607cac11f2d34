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

import java.util.List;

import com.dictamesh.events.Event;

/**
 * Decides the Kafka topic of an event type. Define a bean of this type to replace the
 * starter's naming.
 */
public interface TopicResolver {

	/**
	 * Return the topic of events of the given type.
	 * @param eventType the event type
	 * @return the topic
	 */
	String topicFor(String eventType);

	/**
	 * Return the topic an event is published to.
	 * @param event the event
	 * @return the topic
	 */
	default String topicFor(Event event) {
		return topicFor(event.eventType());
	}

	/**
	 * Return the topics that carry the types a handler declares, which may end in
	 * {@code *}.
	 * @param eventTypePattern an event type or a pattern
	 * @return the topics
	 * @throws IllegalArgumentException if the pattern cannot be mapped to topics
	 */
	default List<String> topicsFor(String eventTypePattern) {
		if (eventTypePattern.endsWith("*")) {
			throw new IllegalArgumentException(
					"Event type pattern '" + eventTypePattern + "' cannot be mapped to topics by "
							+ getClass().getSimpleName() + ": list the types or set the handler's topics");
		}
		return List.of(topicFor(eventTypePattern));
	}

	/**
	 * Return the dead-letter topic of records that failed on the given topic.
	 * @param topic the topic the record was consumed from
	 * @return the dead-letter topic
	 */
	String deadLetterTopicFor(String topic);

}
