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

package com.dictamesh.events.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a dead-letter topic from its start, as a test that sent poison records does, and
 * keeps every dead letter it has read so that each test finds its own by key.
 */
public final class DeadLetterReader implements AutoCloseable {

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final List<ConsumerRecord<byte[], byte[]>> read = new CopyOnWriteArrayList<>();

	/**
	 * Subscribe to a dead-letter topic.
	 * @param bootstrapServers the broker
	 * @param groupId the reader's consumer group
	 * @param topic the dead-letter topic
	 */
	public DeadLetterReader(String bootstrapServers, String groupId, String topic) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						groupId, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		this.consumer.subscribe(List.of(topic));
	}

	/**
	 * Poll once, then return the dead letters read so far whose key is the given one.
	 * @param key the record key
	 * @return the dead letters with that key
	 */
	public synchronized List<ConsumerRecord<byte[], byte[]>> withKey(String key) {
		poll();
		return matching(key);
	}

	/**
	 * Wait until a dead letter with the given key is read or the wait is over, then read
	 * on a little, since others of the same key arrive in the same batch or shortly
	 * after.
	 * @param key the record key
	 * @param wait how long to wait for the first one
	 * @return the dead letters with that key, none if none came
	 */
	public synchronized List<ConsumerRecord<byte[], byte[]>> withKey(String key, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		List<ConsumerRecord<byte[], byte[]>> found;
		do {
			found = withKey(key);
		}
		while (found.isEmpty() && System.nanoTime() < deadline);
		for (int i = 0; i < 3; i++) {
			poll();
		}
		return matching(key);
	}

	private List<ConsumerRecord<byte[], byte[]>> matching(String key) {
		return this.read.stream()
			.filter((record) -> record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8)))
			.toList();
	}

	private void poll() {
		this.consumer.poll(Duration.ofMillis(200)).forEach(this.read::add);
	}

	@Override
	public synchronized void close() {
		this.consumer.close();
	}

}
