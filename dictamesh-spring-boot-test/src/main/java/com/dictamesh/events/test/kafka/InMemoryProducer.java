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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import com.dictamesh.events.test.kafka.InMemoryKafka.Appended;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Producer} that appends to an {@link InMemoryKafka}: a send serializes the
 * record as Kafka's producer does and is acknowledged before it returns. Kafka
 * transactions are not supported.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class InMemoryProducer<K, V> implements Producer<K, V> {

	private final InMemoryKafka broker;

	private final Serializer<K> keySerializer;

	private final Serializer<V> valueSerializer;

	InMemoryProducer(InMemoryKafka broker, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
		this.broker = broker;
		this.keySerializer = keySerializer;
		this.valueSerializer = valueSerializer;
	}

	@Override
	public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
		return send(record, null);
	}

	@Override
	public Future<RecordMetadata> send(ProducerRecord<K, V> record, @Nullable Callback callback) {
		RecordMetadata metadata;
		try {
			byte[] key = this.keySerializer.serialize(record.topic(), record.headers(), record.key());
			byte[] value = this.valueSerializer.serialize(record.topic(), record.headers(), record.value());
			Appended appended = this.broker.append(record.topic(), record.partition(), key, value, record.headers(),
					record.timestamp());
			metadata = new RecordMetadata(appended.partition(), appended.offset(), 0, appended.timestamp(),
					(key != null) ? key.length : -1, (value != null) ? value.length : -1);
		}
		catch (RuntimeException ex) {
			if (callback != null) {
				callback.onCompletion(null, ex);
			}
			return CompletableFuture.failedFuture(ex);
		}
		if (callback != null) {
			callback.onCompletion(metadata, null);
		}
		return CompletableFuture.completedFuture(metadata);
	}

	@Override
	public void flush() {
	}

	@Override
	public List<PartitionInfo> partitionsFor(String topic) {
		return this.broker.partitionsFor(topic);
	}

	@Override
	public Map<MetricName, ? extends Metric> metrics() {
		return Map.of();
	}

	@Override
	public Uuid clientInstanceId(Duration timeout) {
		throw unsupported("clientInstanceId");
	}

	@Override
	public void registerMetricForSubscription(KafkaMetric metric) {
	}

	@Override
	public void unregisterMetricFromSubscription(KafkaMetric metric) {
	}

	@Override
	public void initTransactions() {
		throw unsupported("Transactions are");
	}

	@Override
	public void beginTransaction() {
		throw unsupported("Transactions are");
	}

	@Override
	public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
			ConsumerGroupMetadata groupMetadata) {
		throw unsupported("Transactions are");
	}

	@Override
	public void commitTransaction() {
		throw unsupported("Transactions are");
	}

	@Override
	public void abortTransaction() {
		throw unsupported("Transactions are");
	}

	@Override
	public void close() {
		// Shared by the factory's templates: closing one of them keeps it usable.
	}

	@Override
	public void close(Duration timeout) {
		close();
	}

	private static UnsupportedOperationException unsupported(String operation) {
		return new UnsupportedOperationException(operation + " not supported by the in-memory Kafka producer");
	}

}
