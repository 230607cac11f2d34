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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.dictamesh.events.test.kafka.InMemoryKafka.Group;
import com.dictamesh.events.test.kafka.InMemoryKafka.StoredRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Consumer} of an {@link InMemoryKafka}: it joins its group when it subscribes,
 * gets its share of the partitions through its rebalance listener on the next poll,
 * starts from the group's committed offsets (or the earliest or latest, as
 * {@code auto.offset.reset} says), and blocks in {@link #poll(Duration)} until records
 * arrive, the timeout passes or {@link #wakeup()} is called. Seeks, pauses and commits
 * behave as Kafka's, so a listener container's retries and dead letters run as they do on
 * a broker. Used by one thread at a time, as a Kafka consumer is.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class InMemoryConsumer<K, V> implements Consumer<K, V> {

	private final InMemoryKafka broker;

	private final @Nullable String groupId;

	private final Deserializer<K> keyDeserializer;

	private final Deserializer<V> valueDeserializer;

	private final int maxPollRecords;

	private final boolean earliest;

	private final boolean autoCommit;

	private final Set<String> subscription = new LinkedHashSet<>();

	private ConsumerRebalanceListener rebalanceListener = new ConsumerRebalanceListener() {

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
		}

	};

	private final Set<TopicPartition> assignment = new LinkedHashSet<>();

	private final Map<TopicPartition, Long> positions = new HashMap<>();

	private final Set<TopicPartition> paused = new HashSet<>();

	private final AtomicBoolean wakeup = new AtomicBoolean();

	private int generation = -1;

	private boolean manualAssignment;

	private volatile boolean closed;

	InMemoryConsumer(InMemoryKafka broker, @Nullable String groupId, Deserializer<K> keyDeserializer,
			Deserializer<V> valueDeserializer, int maxPollRecords, boolean earliest, boolean autoCommit) {
		this.broker = broker;
		this.groupId = groupId;
		this.keyDeserializer = keyDeserializer;
		this.valueDeserializer = valueDeserializer;
		this.maxPollRecords = maxPollRecords;
		this.earliest = earliest;
		this.autoCommit = autoCommit;
	}

	@Override
	public Set<TopicPartition> assignment() {
		return Set.copyOf(this.assignment);
	}

	@Override
	public Set<String> subscription() {
		synchronized (this.broker) {
			return Set.copyOf(this.subscription);
		}
	}

	@Override
	public void subscribe(Collection<String> topics) {
		subscribe(topics, this.rebalanceListener);
	}

	@Override
	public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
		ensureOpen();
		if (this.groupId == null) {
			throw new IllegalStateException("A consumer without a group.id cannot subscribe; assign partitions");
		}
		this.rebalanceListener = listener;
		synchronized (this.broker) {
			this.subscription.clear();
			this.subscription.addAll(topics);
			Group group = this.broker.group(this.groupId);
			if (!group.members.contains(this)) {
				group.members.add(this);
			}
			group.generation++;
			this.broker.notifyAll();
		}
	}

	@Override
	public void assign(Collection<TopicPartition> partitions) {
		ensureOpen();
		this.manualAssignment = true;
		this.assignment.clear();
		this.assignment.addAll(partitions);
		this.positions.keySet().retainAll(this.assignment);
		synchronized (this.broker) {
			for (TopicPartition partition : partitions) {
				this.positions.computeIfAbsent(partition, this::startingOffset);
			}
		}
	}

	@Override
	public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
		throw unsupported("subscribe(Pattern)");
	}

	@Override
	public void subscribe(Pattern pattern) {
		throw unsupported("subscribe(Pattern)");
	}

	@Override
	public void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener callback) {
		throw unsupported("subscribe(SubscriptionPattern)");
	}

	@Override
	public void subscribe(SubscriptionPattern pattern) {
		throw unsupported("subscribe(SubscriptionPattern)");
	}

	@Override
	public void unsubscribe() {
		leave();
		Set<TopicPartition> revoked = new LinkedHashSet<>(this.assignment);
		this.assignment.clear();
		this.positions.clear();
		if (!revoked.isEmpty() && !this.manualAssignment) {
			this.rebalanceListener.onPartitionsRevoked(revoked);
		}
	}

	private void leave() {
		synchronized (this.broker) {
			this.subscription.clear();
			if (this.groupId != null) {
				Group group = this.broker.group(this.groupId);
				if (group.members.remove(this)) {
					group.generation++;
					this.broker.notifyAll();
				}
			}
		}
	}

	@Override
	public ConsumerRecords<K, V> poll(Duration timeout) {
		ensureOpen();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (this.wakeup.getAndSet(false)) {
				throw new WakeupException();
			}
			rebalanceIfNeeded();
			Map<TopicPartition, List<StoredRecord>> fetched = new LinkedHashMap<>();
			synchronized (this.broker) {
				if (!rebalancePending()) {
					fetched = fetch();
					if (fetched.isEmpty()) {
						long waitMillis = (deadline - System.nanoTime()) / 1_000_000;
						if (waitMillis <= 0) {
							return ConsumerRecords.empty();
						}
						try {
							this.broker.wait(waitMillis);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							throw new org.apache.kafka.common.errors.InterruptException(ex);
						}
					}
				}
			}
			if (!fetched.isEmpty()) {
				return toRecords(fetched);
			}
		}
	}

	private boolean rebalancePending() {
		return !this.manualAssignment && this.groupId != null && !this.subscription.isEmpty()
				&& this.broker.group(this.groupId).generation != this.generation;
	}

	private void rebalanceIfNeeded() {
		Set<TopicPartition> revoked;
		Set<TopicPartition> added;
		synchronized (this.broker) {
			if (!rebalancePending()) {
				return;
			}
			Group group = this.broker.group(this.groupId);
			this.generation = group.generation;
			Set<TopicPartition> assigned = group.assignmentOf(this, this.broker);
			revoked = new LinkedHashSet<>(this.assignment);
			revoked.removeAll(assigned);
			added = new LinkedHashSet<>(assigned);
			added.removeAll(this.assignment);
		}
		if (!revoked.isEmpty()) {
			this.rebalanceListener.onPartitionsRevoked(revoked);
			this.assignment.removeAll(revoked);
			revoked.forEach(this.positions::remove);
			this.paused.removeAll(revoked);
		}
		this.assignment.addAll(added);
		synchronized (this.broker) {
			for (TopicPartition partition : added) {
				this.positions.put(partition, startingOffset(partition));
			}
		}
		this.rebalanceListener.onPartitionsAssigned(added);
	}

	private long startingOffset(TopicPartition partition) {
		Long committed = (this.groupId != null) ? this.broker.group(this.groupId).committed.get(partition) : null;
		if (committed != null) {
			return committed;
		}
		return this.earliest ? 0 : this.broker.endOffset(partition);
	}

	private Map<TopicPartition, List<StoredRecord>> fetch() {
		Map<TopicPartition, List<StoredRecord>> fetched = new LinkedHashMap<>();
		int room = this.maxPollRecords;
		for (TopicPartition partition : this.assignment) {
			if (room == 0) {
				break;
			}
			if (this.paused.contains(partition)) {
				continue;
			}
			long position = this.positions.computeIfAbsent(partition, this::startingOffset);
			List<StoredRecord> records = this.broker.read(partition, position, room);
			if (!records.isEmpty()) {
				fetched.put(partition, records);
				this.positions.put(partition, records.get(records.size() - 1).offset() + 1);
				room -= records.size();
			}
		}
		if (this.autoCommit && !fetched.isEmpty() && this.groupId != null) {
			fetched.keySet()
				.forEach((partition) -> this.broker.group(this.groupId).committed.put(partition,
						this.positions.get(partition)));
		}
		return fetched;
	}

	private ConsumerRecords<K, V> toRecords(Map<TopicPartition, List<StoredRecord>> fetched) {
		Map<TopicPartition, List<ConsumerRecord<K, V>>> records = new LinkedHashMap<>();
		Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
		fetched.forEach((partition, stored) -> {
			List<ConsumerRecord<K, V>> converted = new ArrayList<>(stored.size());
			for (StoredRecord record : stored) {
				// Each delivery gets headers of its own: containers add to them.
				RecordHeaders headers = new RecordHeaders(record.headers());
				K key = this.keyDeserializer.deserialize(partition.topic(), headers, record.key());
				V value = this.valueDeserializer.deserialize(partition.topic(), headers, record.value());
				converted.add(new ConsumerRecord<>(partition.topic(), partition.partition(), record.offset(),
						record.timestamp(), TimestampType.CREATE_TIME, sizeOf(record.key()), sizeOf(record.value()),
						key, value, headers, Optional.empty()));
			}
			records.put(partition, converted);
			next.put(partition, new OffsetAndMetadata(stored.get(stored.size() - 1).offset() + 1));
		});
		return new ConsumerRecords<>(records, next);
	}

	private static int sizeOf(byte @Nullable [] bytes) {
		return (bytes != null) ? bytes.length : ConsumerRecord.NULL_SIZE;
	}

	@Override
	public void commitSync() {
		commitSync(currentPositions());
	}

	@Override
	public void commitSync(Duration timeout) {
		commitSync();
	}

	@Override
	public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
		ensureOpen();
		if (this.groupId == null) {
			throw new IllegalStateException("A consumer without a group.id cannot commit");
		}
		synchronized (this.broker) {
			Group group = this.broker.group(this.groupId);
			offsets.forEach((partition, offset) -> group.committed.put(partition, offset.offset()));
		}
	}

	@Override
	public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
		commitSync(offsets);
	}

	@Override
	public void commitAsync() {
		commitAsync(currentPositions(), null);
	}

	@Override
	public void commitAsync(@Nullable OffsetCommitCallback callback) {
		commitAsync(currentPositions(), callback);
	}

	@Override
	public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable OffsetCommitCallback callback) {
		Exception failure = null;
		try {
			commitSync(offsets);
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		if (callback != null) {
			callback.onComplete(offsets, failure);
		}
	}

	private Map<TopicPartition, OffsetAndMetadata> currentPositions() {
		Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
		this.positions.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
		return offsets;
	}

	@Override
	public void registerMetricForSubscription(KafkaMetric metric) {
	}

	@Override
	public void unregisterMetricFromSubscription(KafkaMetric metric) {
	}

	@Override
	public void seek(TopicPartition partition, long offset) {
		ensureAssigned(partition);
		this.positions.put(partition, offset);
	}

	@Override
	public void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
		seek(partition, offsetAndMetadata.offset());
	}

	@Override
	public void seekToBeginning(Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitionsOrAssignment(partitions)) {
			seek(partition, 0);
		}
	}

	@Override
	public void seekToEnd(Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitionsOrAssignment(partitions)) {
			seek(partition, this.broker.endOffset(partition));
		}
	}

	private Collection<TopicPartition> partitionsOrAssignment(Collection<TopicPartition> partitions) {
		return partitions.isEmpty() ? new ArrayList<>(this.assignment) : partitions;
	}

	@Override
	public long position(TopicPartition partition) {
		ensureAssigned(partition);
		synchronized (this.broker) {
			return this.positions.computeIfAbsent(partition, this::startingOffset);
		}
	}

	@Override
	public long position(TopicPartition partition, Duration timeout) {
		return position(partition);
	}

	@Override
	public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
		Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
		if (this.groupId == null) {
			return committed;
		}
		synchronized (this.broker) {
			Group group = this.broker.group(this.groupId);
			for (TopicPartition partition : partitions) {
				Long offset = group.committed.get(partition);
				if (offset != null) {
					committed.put(partition, new OffsetAndMetadata(offset));
				}
			}
		}
		return committed;
	}

	@Override
	public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
		return committed(partitions);
	}

	@Override
	public Uuid clientInstanceId(Duration timeout) {
		throw unsupported("clientInstanceId");
	}

	@Override
	public Map<MetricName, ? extends Metric> metrics() {
		return Map.of();
	}

	@Override
	public List<PartitionInfo> partitionsFor(String topic) {
		return this.broker.partitionsFor(topic);
	}

	@Override
	public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
		return partitionsFor(topic);
	}

	@Override
	public Map<String, List<PartitionInfo>> listTopics() {
		Map<String, List<PartitionInfo>> topics = new LinkedHashMap<>();
		this.broker.topics().forEach((topic) -> topics.put(topic, this.broker.partitionsFor(topic)));
		return topics;
	}

	@Override
	public Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
		return listTopics();
	}

	@Override
	public Set<TopicPartition> paused() {
		return Set.copyOf(this.paused);
	}

	@Override
	public void pause(Collection<TopicPartition> partitions) {
		partitions.forEach(this::ensureAssigned);
		this.paused.addAll(partitions);
	}

	@Override
	public void resume(Collection<TopicPartition> partitions) {
		this.paused.removeAll(partitions);
	}

	@Override
	public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch) {
		throw unsupported("offsetsForTimes");
	}

	@Override
	public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch,
			Duration timeout) {
		throw unsupported("offsetsForTimes");
	}

	@Override
	public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
		Map<TopicPartition, Long> offsets = new HashMap<>();
		partitions.forEach((partition) -> offsets.put(partition, 0L));
		return offsets;
	}

	@Override
	public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
		return beginningOffsets(partitions);
	}

	@Override
	public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
		Map<TopicPartition, Long> offsets = new HashMap<>();
		partitions.forEach((partition) -> offsets.put(partition, this.broker.endOffset(partition)));
		return offsets;
	}

	@Override
	public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
		return endOffsets(partitions);
	}

	@Override
	public OptionalLong currentLag(TopicPartition partition) {
		Long position = this.positions.get(partition);
		return (position != null) ? OptionalLong.of(this.broker.endOffset(partition) - position) : OptionalLong.empty();
	}

	@Override
	public ConsumerGroupMetadata groupMetadata() {
		return new ConsumerGroupMetadata((this.groupId != null) ? this.groupId : "");
	}

	@Override
	public void enforceRebalance() {
		if (this.groupId != null) {
			synchronized (this.broker) {
				this.broker.group(this.groupId).generation++;
				this.broker.notifyAll();
			}
		}
	}

	@Override
	public void enforceRebalance(String reason) {
		enforceRebalance();
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		leave();
		this.closed = true;
		this.keyDeserializer.close();
		this.valueDeserializer.close();
	}

	@Override
	public void close(Duration timeout) {
		close();
	}

	@Override
	public void close(CloseOptions option) {
		close();
	}

	@Override
	public void wakeup() {
		this.wakeup.set(true);
		synchronized (this.broker) {
			this.broker.notifyAll();
		}
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new IllegalStateException("This consumer has already been closed.");
		}
	}

	private void ensureAssigned(TopicPartition partition) {
		if (!this.assignment.contains(partition)) {
			throw new IllegalStateException("No current assignment for partition " + partition);
		}
	}

	private static UnsupportedOperationException unsupported(String operation) {
		return new UnsupportedOperationException(operation + " is not supported by the in-memory Kafka consumer");
	}

}
