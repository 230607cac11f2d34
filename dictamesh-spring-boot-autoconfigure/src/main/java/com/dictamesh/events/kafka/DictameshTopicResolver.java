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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The starter's {@link TopicResolver}: seed 002's category topics or seed 000's topic per
 * type, under a prefix, with explicit routes taking precedence.
 */
public class DictameshTopicResolver implements TopicResolver {

	/**
	 * Category topics by the first segment of the event type.
	 */
	private static final Map<String, String> CATEGORIES = Map.of("entity", "entity.changed", "relationship",
			"relationship.changed", "schema", "schema.changed", "cache", "cache.invalidation", "sync", "system.events",
			"adapter", "system.events", "health", "system.events");

	private final TopicNaming naming;

	private final String prefix;

	private final String defaultTopic;

	private final Map<String, String> routes;

	private final DeadLetterNaming deadLetterNaming;

	private final String deadLetterTopic;

	private final Map<String, String> cache = new ConcurrentHashMap<>();

	/**
	 * Create a resolver.
	 * @param naming the naming of topics
	 * @param prefix the prefix of every topic name the resolver makes
	 * @param defaultTopic the category topic (without prefix) of types of no known
	 * category
	 * @param routes explicit topics by event type or pattern ending in {@code *}
	 * @param deadLetterNaming the naming of dead-letter topics
	 * @param deadLetterTopic the shared dead-letter topic (without prefix)
	 */
	public DictameshTopicResolver(TopicNaming naming, String prefix, String defaultTopic, Map<String, String> routes,
			DeadLetterNaming deadLetterNaming, String deadLetterTopic) {
		this.naming = naming;
		this.prefix = prefix;
		this.defaultTopic = defaultTopic;
		this.routes = new LinkedHashMap<>(routes);
		this.deadLetterNaming = deadLetterNaming;
		this.deadLetterTopic = deadLetterTopic;
	}

	@Override
	public String topicFor(String eventType) {
		return this.cache.computeIfAbsent(eventType, this::resolve);
	}

	private String resolve(String eventType) {
		String route = routeFor(eventType);
		if (route != null) {
			return route;
		}
		if (this.naming == TopicNaming.PER_TYPE) {
			return this.prefix + "events." + eventType;
		}
		return this.prefix + categoryOf(eventType);
	}

	private String categoryOf(String eventType) {
		int dot = eventType.indexOf('.');
		String first = (dot > 0) ? eventType.substring(0, dot) : eventType;
		return CATEGORIES.getOrDefault(first, this.defaultTopic);
	}

	private String routeFor(String eventType) {
		String exact = this.routes.get(eventType);
		if (exact != null) {
			return exact;
		}
		for (Map.Entry<String, String> route : this.routes.entrySet()) {
			if (EventTypePattern.matches(route.getKey(), eventType)) {
				return route.getValue();
			}
		}
		return null;
	}

	@Override
	public List<String> topicsFor(String eventTypePattern) {
		if (!eventTypePattern.endsWith("*")) {
			return List.of(topicFor(eventTypePattern));
		}
		Set<String> topics = new LinkedHashSet<>();
		this.routes.forEach((type, topic) -> {
			if (EventTypePattern.overlaps(eventTypePattern, type)) {
				topics.add(topic);
			}
		});
		if (this.naming == TopicNaming.PER_TYPE) {
			throw new IllegalArgumentException("Event type pattern '" + eventTypePattern
					+ "' cannot be mapped to topics with dictamesh.events.topics.naming=per-type: list the types "
					+ "or set the handler's topics");
		}
		// Subscribing to more topics than needed is harmless: routing filters by type.
		String stem = eventTypePattern.substring(0, eventTypePattern.length() - 1);
		int dot = stem.indexOf('.');
		if (dot > 0) {
			topics.add(this.prefix + categoryOf(stem.substring(0, dot)));
		}
		else {
			topics.addAll(categoryTopics());
		}
		return new ArrayList<>(topics);
	}

	/**
	 * Return the category topics, the default topic included, with the prefix.
	 * @return the topic names
	 */
	public List<String> categoryTopics() {
		Set<String> topics = new LinkedHashSet<>();
		for (String category : List.of("entity.changed", "relationship.changed", "schema.changed", "cache.invalidation",
				"system.events", this.defaultTopic)) {
			topics.add(this.prefix + category);
		}
		return new ArrayList<>(topics);
	}

	@Override
	public String deadLetterTopicFor(String topic) {
		return switch (this.deadLetterNaming) {
			case SHARED -> this.prefix + this.deadLetterTopic;
			case PER_TOPIC -> topic + "-dlt";
		};
	}

	/**
	 * Return the shared dead-letter topic, with the prefix.
	 * @return the topic name
	 */
	public String sharedDeadLetterTopic() {
		return this.prefix + this.deadLetterTopic;
	}

	/**
	 * Return whether topics are named per category.
	 * @return whether the naming is {@link TopicNaming#CATEGORY}
	 */
	public boolean isCategoryNaming() {
		return this.naming == TopicNaming.CATEGORY;
	}

}
