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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

/**
 * A producer that closes itself, at once, at its first send that failed for a reason that
 * is not the record's own, before the failure reaches the sender's callback.
 * <p>
 * An idempotent producer keeps each partition's order only while its sends succeed. When
 * one gives up a batch (its delivery timeout passed while the partition's leader was
 * away), it bumps its epoch and goes on with the partition's later batches, which hold
 * later rows of the same keys, ahead of the rows it gave up and that the relay sends
 * again. Closed from the failed send's own callback, on the producer's I/O thread, it
 * sends nothing more: its later records fail too, and the relay sends again what it did
 * not mark, in id order, through a new producer. Closing the factory's current producer
 * instead is not enough: by then it may be another one, and a close from another thread
 * lets the failed producer deliver what it holds first.
 */
final class StopAtFailureProducer<K, V> implements Producer<K, V> {

	private static final Log logger = LogFactory.getLog(StopAtFailureProducer.class);

	private final Producer<K, V> delegate;

	private final Predicate<Throwable> recordsOwnFault;

	private final AtomicBoolean stopped = new AtomicBoolean();

	/**
	 * Wrap a producer.
	 * @param delegate the producer that sends
	 * @param recordsOwnFault whether a failure is the record's own (too large, not
	 * serializable), after which the producer goes on
	 */
	StopAtFailureProducer(Producer<K, V> delegate, Predicate<Throwable> recordsOwnFault) {
		this.delegate = delegate;
		this.recordsOwnFault = recordsOwnFault;
	}

	@Override
	public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
		return send(record, null);
	}

	@Override
	public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
		return this.delegate.send(record, (metadata, exception) -> {
			if (exception != null && !this.recordsOwnFault.test(exception)) {
				stop(exception);
			}
			if (callback != null) {
				callback.onCompletion(metadata, exception);
			}
		});
	}

	private void stop(Exception exception) {
		if (this.stopped.compareAndSet(false, true)) {
			logger.debug("Closing the outbox relay's producer after a failed send: " + exception);
			// Zero: from the I/O thread, close does not wait anyway; from another one,
			// a close that waited would first deliver what the producer holds.
			this.delegate.close(Duration.ZERO);
		}
	}

	@Override
	public void flush() {
		this.delegate.flush();
	}

	@Override
	public List<PartitionInfo> partitionsFor(String topic) {
		return this.delegate.partitionsFor(topic);
	}

	@Override
	public Map<MetricName, ? extends Metric> metrics() {
		return this.delegate.metrics();
	}

	@Override
	public void registerMetricForSubscription(KafkaMetric metric) {
		this.delegate.registerMetricForSubscription(metric);
	}

	@Override
	public void unregisterMetricFromSubscription(KafkaMetric metric) {
		this.delegate.unregisterMetricFromSubscription(metric);
	}

	@Override
	public Uuid clientInstanceId(Duration timeout) {
		return this.delegate.clientInstanceId(timeout);
	}

	@Override
	public void close() {
		if (this.stopped.get()) {
			this.delegate.close(Duration.ZERO);
		}
		else {
			this.delegate.close();
		}
	}

	@Override
	public void close(Duration timeout) {
		// Stopped, it holds nothing to wait for: its sends were aborted.
		this.delegate.close(this.stopped.get() ? Duration.ZERO : timeout);
	}

	@Override
	public String toString() {
		return "StopAtFailureProducer [delegate=" + this.delegate + "]";
	}

	@Override
	public void initTransactions() {
		this.delegate.initTransactions();
	}

	@Override
	public void beginTransaction() {
		this.delegate.beginTransaction();
	}

	@Override
	public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
			ConsumerGroupMetadata groupMetadata) {
		this.delegate.sendOffsetsToTransaction(offsets, groupMetadata);
	}

	@Override
	public void commitTransaction() {
		this.delegate.commitTransaction();
	}

	@Override
	public void abortTransaction() {
		this.delegate.abortTransaction();
	}

}
