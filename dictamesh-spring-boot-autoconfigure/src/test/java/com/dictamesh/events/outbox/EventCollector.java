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

package com.dictamesh.events.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a topic from the beginning in the background and keeps, per record key, the
 * {@code data.seq} values of the events of one entity type in arrival order.
 */
final class EventCollector implements AutoCloseable {

	private final String entityType;

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final Thread thread;

	private final Map<String, List<Integer>> sequences = new ConcurrentHashMap<>();

	private final List<String> eventIds = new CopyOnWriteArrayList<>();

	private final Map<String, String> traceparents = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	EventCollector(String bootstrapServers, String topic, String entityType) {
		this.entityType = entityType;
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
		JsonMapper json = JsonMapper.builder().build();
		this.thread = new Thread(() -> {
			while (this.running) {
				try {
					for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
						JsonNode event = json.readTree(record.value());
						if (!this.entityType.equals(event.path("entity_type").asString())) {
							continue;
						}
						String key = new String(record.key(), StandardCharsets.UTF_8);
						this.sequences.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>())
							.add(event.path("data").path("seq").asInt());
						String eventId = event.path("event_id").asString();
						this.eventIds.add(eventId);
						if (record.headers().lastHeader("traceparent") != null) {
							this.traceparents.put(eventId, new String(
									record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8));
						}
					}
				}
				catch (org.apache.kafka.common.errors.WakeupException ex) {
					return;
				}
			}
		}, "event-collector");
		this.thread.start();
	}

	int distinctEvents() {
		return new LinkedHashSet<>(this.eventIds).size();
	}

	int duplicates() {
		return this.eventIds.size() - distinctEvents();
	}

	List<Integer> sequence(String key) {
		return List.copyOf(this.sequences.getOrDefault(key, List.of()));
	}

	Map<String, String> traceparents() {
		return this.traceparents;
	}

	/**
	 * Assert that every key's events arrived in commit order, 1 to n: duplicates from a
	 * replay may follow, but no event arrives before one committed earlier.
	 */
	void assertCommitOrderPerKey(Map<String, Integer> expectedCountPerKey) {
		assertThat(this.sequences.keySet()).containsExactlyInAnyOrderElementsOf(expectedCountPerKey.keySet());
		expectedCountPerKey.forEach((key, count) -> {
			Set<Integer> firstArrivals = new LinkedHashSet<>(this.sequences.get(key));
			List<Integer> expected = new ArrayList<>();
			for (int seq = 1; seq <= count; seq++) {
				expected.add(seq);
			}
			assertThat(new ArrayList<>(firstArrivals)).as("first arrivals of key %s", key)
				.containsExactlyElementsOf(expected);
		});
	}

	Map<String, Integer> counts() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		this.sequences.forEach((key, seqs) -> counts.put(key, new LinkedHashSet<>(seqs).size()));
		return counts;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.thread.join(10_000);
		this.consumer.close();
	}

}
