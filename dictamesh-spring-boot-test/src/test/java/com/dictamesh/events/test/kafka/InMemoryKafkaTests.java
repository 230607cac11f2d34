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

package com.dictamesh.events.test.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The in-memory Kafka behaves as a broker does where listener containers rely on it:
 * placement by key, groups that share partitions and resume from their commits, seeks,
 * pauses and wake-ups.
 */
class InMemoryKafkaTests {

	private final InMemoryKafka kafka = new InMemoryKafka(4);

	private final Producer<String, String> producer = new InMemoryProducerFactory<String, String>(this.kafka,
			Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))
		.createProducer();

	@Test
	void keyedRecordsGoWhereKafkasPartitionerSendsThem() throws Exception {
		RecordMetadata first = send("product:42", "a");
		RecordMetadata second = send("product:42", "b");

		int expected = Utils.toPositive(Utils.murmur2("product:42".getBytes(StandardCharsets.UTF_8))) % 4;
		assertThat(first.partition()).isEqualTo(expected);
		assertThat(second.partition()).isEqualTo(expected);
		assertThat(second.offset()).isEqualTo(first.offset() + 1);
	}

	@Test
	void eachGroupReadsEveryRecordAndAGroupResumesFromItsCommit() throws Exception {
		for (int i = 0; i < 10; i++) {
			send("key-" + i, "value-" + i);
		}
		try (Consumer<String, String> indexer = consumer("indexer");
				Consumer<String, String> auditor = consumer("auditor")) {
			indexer.subscribe(List.of("topic"));
			auditor.subscribe(List.of("topic"));
			assertThat(pollAll(indexer, 10)).hasSize(10);
			assertThat(pollAll(auditor, 10)).hasSize(10);
			indexer.commitSync();
		}
		send("key-10", "value-10");
		try (Consumer<String, String> indexer = consumer("indexer")) {
			indexer.subscribe(List.of("topic"));
			assertThat(pollAll(indexer, 1)).extracting(ConsumerRecord::value).containsExactly("value-10");
		}
	}

	@Test
	void membersOfAGroupShareThePartitions() {
		List<Collection<TopicPartition>> assigned = new CopyOnWriteArrayList<>();
		try (Consumer<String, String> one = consumer("group"); Consumer<String, String> two = consumer("group")) {
			one.subscribe(List.of("topic"), recording(assigned));
			two.subscribe(List.of("topic"), recording(assigned));
			one.poll(Duration.ZERO);
			two.poll(Duration.ZERO);

			assertThat(assigned).hasSize(2);
			assertThat(one.assignment()).hasSize(2);
			assertThat(two.assignment()).hasSize(2).doesNotContainAnyElementsOf(one.assignment());
		}
	}

	@Test
	void seekBackRedeliversAndPauseHoldsBack() throws Exception {
		RecordMetadata sent = send("k", "v");
		TopicPartition partition = new TopicPartition("topic", sent.partition());
		try (Consumer<String, String> consumer = consumer("group")) {
			consumer.subscribe(List.of("topic"));
			assertThat(pollAll(consumer, 1)).hasSize(1);

			consumer.seek(partition, sent.offset());
			consumer.pause(Set.of(partition));
			assertThat(consumer.poll(Duration.ofMillis(50)).isEmpty()).isTrue();
			consumer.resume(Set.of(partition));

			assertThat(pollAll(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("v");
			assertThat(consumer.committed(Set.of(partition))).isEmpty();
			consumer.commitSync(Map.of(partition, new OffsetAndMetadata(sent.offset() + 1)));
			assertThat(consumer.committed(Set.of(partition)).get(partition).offset()).isEqualTo(sent.offset() + 1);
		}
	}

	@Test
	void wakeupEndsAPollThatWaits() {
		try (Consumer<String, String> consumer = consumer("group")) {
			consumer.subscribe(List.of("topic"));
			consumer.wakeup();
			assertThatExceptionOfType(WakeupException.class).isThrownBy(() -> consumer.poll(Duration.ofSeconds(30)));
		}
	}

	private RecordMetadata send(String key, String value) throws Exception {
		return this.producer.send(new ProducerRecord<>("topic", key, value)).get();
	}

	private Consumer<String, String> consumer(String group) {
		return new InMemoryConsumerFactory<String, String>(this.kafka,
				Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
				new StringDeserializer())
			.createConsumer(group, null);
	}

	private static List<ConsumerRecord<String, String>> pollAll(Consumer<String, String> consumer, int expected) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (records.size() < expected && System.nanoTime() < deadline) {
			ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(100));
			polled.forEach(records::add);
		}
		return records;
	}

	private static ConsumerRebalanceListener recording(List<Collection<TopicPartition>> assigned) {
		return new ConsumerRebalanceListener() {

			@Override
			public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			}

			@Override
			public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
				assigned.add(partitions);
			}

		};
	}

}
