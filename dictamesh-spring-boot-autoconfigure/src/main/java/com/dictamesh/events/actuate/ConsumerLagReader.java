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

package com.dictamesh.events.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.dictamesh.events.actuate.ConsumerLag.PartitionLag;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The lag of the consumer groups the application's handlers use, per topic-partition,
 * read through an {@link Admin} in the background and cached.
 */
public class ConsumerLagReader extends CachedFigure<ConsumerLag> {

	private final Admin admin;

	private final Supplier<Map<String, Collection<String>>> topicsByGroup;

	/**
	 * Create a reader.
	 * @param admin the admin client
	 * @param topicsByGroup supplies the topics each consumer group consumes
	 * @param interval the refresh interval
	 * @param timeout the longest a refresh may take
	 * @param clock the clock
	 */
	public ConsumerLagReader(Admin admin, Supplier<Map<String, Collection<String>>> topicsByGroup, Duration interval,
			Duration timeout, Clock clock) {
		super("consumer-lag", interval, timeout, clock);
		this.admin = admin;
		this.topicsByGroup = topicsByGroup;
	}

	@Override
	protected ConsumerLag compute() throws Exception {
		Map<String, Collection<String>> groups = this.topicsByGroup.get();
		Set<String> topics = new LinkedHashSet<>();
		groups.values().forEach(topics::addAll);
		Map<String, List<TopicPartition>> partitionsByTopic = KafkaOffsets.partitions(this.admin, topics, getTimeout());
		List<TopicPartition> partitions = partitionsByTopic.values().stream().flatMap(List::stream).toList();
		Map<TopicPartition, Long> ends = KafkaOffsets.offsets(this.admin, partitions, OffsetSpec.latest(),
				getTimeout());
		Map<TopicPartition, Long> starts = KafkaOffsets.offsets(this.admin, partitions, OffsetSpec.earliest(),
				getTimeout());
		List<PartitionLag> lags = new ArrayList<>();
		long timeout = getTimeout().toMillis();
		for (Map.Entry<String, Collection<String>> group : groups.entrySet()) {
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin
				.listConsumerGroupOffsets(group.getKey(),
						new ListConsumerGroupOffsetsOptions().timeoutMs((int) timeout))
				.partitionsToOffsetAndMetadata()
				.get(timeout, TimeUnit.MILLISECONDS);
			for (String topic : group.getValue()) {
				for (TopicPartition partition : partitionsByTopic.getOrDefault(topic, List.of())) {
					long end = ends.getOrDefault(partition, 0L);
					OffsetAndMetadata offset = committed.get(partition);
					Long committedOffset = (offset != null) ? offset.offset() : null;
					long from = (committedOffset != null) ? committedOffset : starts.getOrDefault(partition, 0L);
					lags.add(new PartitionLag(group.getKey(), topic, partition.partition(), end, committedOffset,
							Math.max(0, end - from)));
				}
			}
		}
		return new ConsumerLag(List.copyOf(lags));
	}

	/**
	 * Offsets and partitions through an admin client, each call bounded by a timeout.
	 */
	static final class KafkaOffsets {

		private KafkaOffsets() {
		}

		/**
		 * Return the partitions of the topics that exist; a topic not yet created has
		 * none.
		 */
		static Map<String, List<TopicPartition>> partitions(Admin admin, Collection<String> topics, Duration timeout)
				throws Exception {
			Map<String, List<TopicPartition>> partitions = new HashMap<>();
			if (topics.isEmpty()) {
				return partitions;
			}
			Map<String, KafkaFuture<TopicDescription>> descriptions = admin
				.describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
				.topicNameValues();
			for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : descriptions.entrySet()) {
				try {
					TopicDescription description = entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
					partitions.put(entry.getKey(),
							description.partitions()
								.stream()
								.map((partition) -> new TopicPartition(entry.getKey(), partition.partition()))
								.toList());
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
						throw ex;
					}
				}
			}
			return partitions;
		}

		/**
		 * Return an offset of each partition; a partition the spec finds no offset for
		 * (-1) is left out.
		 */
		static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec,
				Duration timeout) throws Exception {
			Map<TopicPartition, Long> offsets = new HashMap<>();
			if (partitions.isEmpty()) {
				return offsets;
			}
			Map<TopicPartition, OffsetSpec> request = new HashMap<>();
			partitions.forEach((partition) -> request.put(partition, spec));
			Map<TopicPartition, ListOffsetsResultInfo> result = admin
				.listOffsets(request, new ListOffsetsOptions().timeoutMs((int) timeout.toMillis()))
				.all()
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			result.forEach((partition, info) -> {
				if (info.offset() >= 0) {
					offsets.put(partition, info.offset());
				}
			});
			return offsets;
		}

	}

}
