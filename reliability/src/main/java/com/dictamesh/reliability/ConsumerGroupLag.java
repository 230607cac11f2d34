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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag on a topic as a Kafka admin sees it: the end offsets minus the
 * group's committed offsets, the figure that says whether every record was handled or
 * dead-lettered.
 */
final class ConsumerGroupLag {

	private ConsumerGroupLag() {
	}

	/**
	 * Return the lag of a group on a topic, counting a partition the group never
	 * committed on as lagging by its whole end offset.
	 * @param admin the admin client
	 * @param group the consumer group
	 * @param topic the topic
	 * @return the records not yet committed, summed over the partitions
	 */
	static long of(Admin admin, String group, String topic) {
		try {
			List<TopicPartition> partitions = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			Map<TopicPartition, ListOffsetsResultInfo> ends = admin
				.listOffsets(partitions.stream().collect(Collectors.toMap((tp) -> tp, (tp) -> OffsetSpec.latest())))
				.all()
				.get(30, TimeUnit.SECONDS);
			long lag = 0;
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata offset = committed.get(partition);
				lag += ends.get(partition).offset() - ((offset != null) ? offset.offset() : 0);
			}
			return lag;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Reading the lag of group '" + group + "' on " + topic + " failed", ex);
		}
	}

}
