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

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The lag of consumer groups per topic-partition: the end offset minus the committed
 * offset (or minus the earliest offset when the group has committed none).
 *
 * @param partitions the lag of each partition of each group
 */
public record ConsumerLag(List<PartitionLag> partitions) {

	/**
	 * Return the sum of all partitions' lag.
	 * @return the total lag
	 */
	public long total() {
		return this.partitions.stream().mapToLong(PartitionLag::lag).sum();
	}

	/**
	 * Return the largest lag of a partition.
	 * @return the largest lag, 0 without partitions
	 */
	public long max() {
		return this.partitions.stream().mapToLong(PartitionLag::lag).max().orElse(0);
	}

	/**
	 * Return the partitions that lag most.
	 * @param count how many to return at most
	 * @return the partitions, the largest lag first
	 */
	public List<PartitionLag> worst(int count) {
		return this.partitions.stream()
			.filter((partition) -> partition.lag() > 0)
			.sorted(Comparator.comparingLong(PartitionLag::lag).reversed())
			.limit(count)
			.toList();
	}

	/**
	 * Return the partitions of one group.
	 * @param group the consumer group
	 * @return its partitions
	 */
	public List<PartitionLag> ofGroup(String group) {
		return this.partitions.stream().filter((partition) -> partition.group().equals(group)).toList();
	}

	/**
	 * The lag of one partition for one group.
	 *
	 * @param group the consumer group
	 * @param topic the topic
	 * @param partition the partition
	 * @param endOffset the offset the next record will get
	 * @param committedOffset the group's committed offset, {@code null} when it has none
	 * @param lag the records the group has yet to consume
	 */
	public record PartitionLag(String group, String topic, int partition, long endOffset,
			@Nullable Long committedOffset, long lag) {

	}

}
