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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka broker held in memory, for tests: topics of partitioned logs that
 * {@link InMemoryProducer producers} append to and {@link InMemoryConsumer consumers}
 * read from, consumer groups that share a topic's partitions among their members, and the
 * offsets each group committed. Records without a partition go where Kafka's default
 * partitioner sends them: by the murmur2 hash of their key, round robin without one.
 * <p>
 * Nothing is ever deleted; topics are created when first used.
 */
public final class InMemoryKafka {

	private final int partitions;

	private final Map<String, List<List<StoredRecord>>> topics = new LinkedHashMap<>();

	private final Map<String, Group> groups = new HashMap<>();

	private final AtomicInteger roundRobin = new AtomicInteger();

	/**
	 * Create a broker.
	 * @param partitions the number of partitions of each topic
	 */
	public InMemoryKafka(int partitions) {
		if (partitions < 1) {
			throw new IllegalArgumentException("A topic needs at least one partition, not " + partitions);
		}
		this.partitions = partitions;
	}

	/**
	 * Return the number of partitions of each topic.
	 * @return the partitions
	 */
	public int getPartitions() {
		return this.partitions;
	}

	/**
	 * Return the names of the topics created so far.
	 * @return the topic names
	 */
	public Set<String> topics() {
		synchronized (this) {
			return new LinkedHashSet<>(this.topics.keySet());
		}
	}

	/**
	 * Return the number of records in a partition, the offset the next one gets.
	 * @param partition the topic partition
	 * @return the end offset
	 */
	public long endOffset(TopicPartition partition) {
		synchronized (this) {
			return log(partition.topic()).get(partition.partition()).size();
		}
	}

	Appended append(String topic, @Nullable Integer partition, byte @Nullable [] key, byte @Nullable [] value,
			Headers headers, @Nullable Long timestamp) {
		synchronized (this) {
			List<List<StoredRecord>> log = log(topic);
			int target = (partition != null) ? partition : partitionOf(key);
			if (target < 0 || target >= log.size()) {
				throw new IllegalArgumentException(
						"Topic " + topic + " has " + log.size() + " partitions, not partition " + target);
			}
			List<StoredRecord> records = log.get(target);
			long offset = records.size();
			long time = (timestamp != null) ? timestamp : System.currentTimeMillis();
			List<Header> copied = new ArrayList<>();
			headers.forEach((header) -> copied.add(new RecordHeader(header.key(), header.value())));
			records.add(new StoredRecord(offset, key, value, copied, time));
			notifyAll();
			return new Appended(new TopicPartition(topic, target), offset, time);
		}
	}

	private int partitionOf(byte @Nullable [] key) {
		if (key == null) {
			return Utils.toPositive(this.roundRobin.getAndIncrement()) % this.partitions;
		}
		return Utils.toPositive(Utils.murmur2(key)) % this.partitions;
	}

	List<StoredRecord> read(TopicPartition partition, long from, int max) {
		List<StoredRecord> records = log(partition.topic()).get(partition.partition());
		int start = (int) Math.min(Math.max(from, 0), records.size());
		int end = (int) Math.min(records.size(), (long) start + max);
		return new ArrayList<>(records.subList(start, end));
	}

	List<PartitionInfo> partitionsFor(String topic) {
		synchronized (this) {
			List<PartitionInfo> infos = new ArrayList<>();
			for (int i = 0; i < log(topic).size(); i++) {
				infos.add(new PartitionInfo(topic, i, null, null, null));
			}
			return infos;
		}
	}

	private List<List<StoredRecord>> log(String topic) {
		return this.topics.computeIfAbsent(topic, (name) -> {
			List<List<StoredRecord>> log = new ArrayList<>();
			for (int i = 0; i < this.partitions; i++) {
				log.add(new ArrayList<>());
			}
			return log;
		});
	}

	Group group(String groupId) {
		return this.groups.computeIfAbsent(groupId, Group::new);
	}

	/**
	 * A consumer group: its members, in the order they joined, the generation that
	 * changes with them, and its committed offsets.
	 */
	static final class Group {

		final String id;

		final List<InMemoryConsumer<?, ?>> members = new ArrayList<>();

		final Map<TopicPartition, Long> committed = new HashMap<>();

		int generation;

		Group(String id) {
			this.id = id;
		}

		/**
		 * Return the partitions of a member: each subscribed topic's partitions are dealt
		 * out in turn to the members that subscribe to it.
		 */
		Set<TopicPartition> assignmentOf(InMemoryConsumer<?, ?> member, InMemoryKafka broker) {
			Set<TopicPartition> assigned = new LinkedHashSet<>();
			for (String topic : member.subscription()) {
				List<InMemoryConsumer<?, ?>> subscribers = this.members.stream()
					.filter((other) -> other.subscription().contains(topic))
					.toList();
				int index = subscribers.indexOf(member);
				int count = broker.log(topic).size();
				for (int partition = index; partition < count; partition += subscribers.size()) {
					assigned.add(new TopicPartition(topic, partition));
				}
			}
			return assigned;
		}

	}

	record StoredRecord(long offset, byte @Nullable [] key, byte @Nullable [] value, List<Header> headers,
			long timestamp) {
	}

	record Appended(TopicPartition partition, long offset, long timestamp) {
	}

}
