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

package com.dictamesh.samples.products;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every record of the entity topic, as a consumer of the service would, and keeps
 * them in order per partition.
 */
final class EntityTopicReader implements AutoCloseable {

	static final String TOPIC = "dictamesh.entity.changed";

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	private final JsonMapper json = JsonMapper.builder().build();

	EntityTopicReader(String bootstrapServers) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "entity-topic-reader-" + System.nanoTime());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(TOPIC));
	}

	/**
	 * Poll the topic and answer the events, as JSON, that match.
	 * @param filter which events
	 * @return the matching events, in topic order per partition
	 */
	List<JsonNode> events(Predicate<JsonNode> filter) {
		for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
			this.records.add(record);
		}
		return this.records.stream().map((record) -> this.json.readTree(record.value())).filter(filter).toList();
	}

	List<JsonNode> eventsOf(String entityId) {
		return events((event) -> entityId.equals(event.path("entity_id").asString()));
	}

	List<String> keysOf(String entityId) {
		events((event) -> true);
		return this.records.stream()
			.filter((record) -> entityId.equals(this.json.readTree(record.value()).path("entity_id").asString()))
			.map(ConsumerRecord::key)
			.toList();
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
