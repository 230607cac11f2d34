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
package com.dictamesh.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a topic holds, read from its beginning to its end with a plain consumer outside
 * any group: the records per event id ({@code ce_id} header).
 *
 * @param records the records read
 * @param perEvent how many records each event id has
 */
record TopicCount(long records, Map<String, Integer> perEvent) {

	/**
	 * Read a topic to its end.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param timeout how long reading may take
	 * @return the count
	 */
	static TopicCount read(String bootstrapServers, String topic, Duration timeout) {
		return read(bootstrapServers, topic, timeout, (record) -> {
		});
	}

	/**
	 * Read a topic to its end, showing each record to a visitor as well: those of a
	 * partition in offset order.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param timeout how long reading may take
	 * @param visitor what else looks at each record
	 * @return the count
	 */
	static TopicCount read(String bootstrapServers, String topic, Duration timeout,
			Consumer<ConsumerRecord<byte[], byte[]>> visitor) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		Instant deadline = Instant.now().plus(timeout);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
			Map<String, Integer> perEvent = new HashMap<>();
			long records = 0;
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Reading " + topic + " took longer than " + timeout);
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					visitor.accept(record);
					records++;
					Header id = record.headers().lastHeader("ce_id");
					String eventId = (id != null) ? new String(id.value(), StandardCharsets.UTF_8)
							: "no ce_id at " + record.partition() + "@" + record.offset();
					perEvent.merge(eventId, 1, Integer::sum);
				}
			}
			return new TopicCount(records, perEvent);
		}
	}

	long duplicates() {
		return this.records - this.perEvent.size();
	}

}
