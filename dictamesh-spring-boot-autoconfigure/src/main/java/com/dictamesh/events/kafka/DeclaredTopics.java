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

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the starter declares, as the {@link KafkaAdmin.NewTopics} that
 * {@link KafkaAdmin} creates at start-up, readable by the health checks that look for
 * them afterwards (KafkaAdmin creates topics only once, when the context starts).
 */
public class DeclaredTopics extends KafkaAdmin.NewTopics {

	private final List<NewTopic> topics;

	/**
	 * Create the declaration.
	 * @param topics the topics
	 */
	public DeclaredTopics(List<NewTopic> topics) {
		super(topics.toArray(NewTopic[]::new));
		this.topics = List.copyOf(topics);
	}

	/**
	 * Return the declared topics.
	 * @return the topics
	 */
	public List<NewTopic> getTopics() {
		return this.topics;
	}

	/**
	 * Return the names of the declared topics.
	 * @return the names
	 */
	public List<String> getNames() {
		return this.topics.stream().map(NewTopic::name).toList();
	}

}
