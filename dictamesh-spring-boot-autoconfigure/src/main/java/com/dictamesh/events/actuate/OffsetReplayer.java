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

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.dictamesh.events.kafka.EventHandlerContainers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Moves a handler group's committed offsets of a topic to a point in time, so that the
 * group handles again every event from then on. The group's container in this application
 * stops for it and starts again after; a group that still has members elsewhere (another
 * instance of the application) is refused, as Kafka only moves the offsets of a group
 * without members.
 */
public class OffsetReplayer {

	private static final Log logger = LogFactory.getLog(OffsetReplayer.class);

	private static final long TIMEOUT_SECONDS = 30;

	private final EventHandlerContainers containers;

	private final Supplier<Admin> admins;

	/**
	 * Create a replayer.
	 * @param containers the handler containers by group
	 * @param admins creates a Kafka admin client; each replay closes the one it uses
	 */
	public OffsetReplayer(EventHandlerContainers containers, Supplier<Admin> admins) {
		this.containers = containers;
		this.admins = admins;
	}

	/**
	 * Move the committed offsets of a group on a topic to the first record at or after a
	 * timestamp; partitions without one move to their end.
	 * @param group the consumer group of handlers of this application
	 * @param topic a topic the group consumes
	 * @param timestamp the point in time to replay from
	 * @return the new offsets
	 * @throws ReplayRefusedException when the group or topic is unknown here or the group
	 * has members elsewhere
	 */
	public ReplayResult replay(String group, String topic, Instant timestamp) {
		MessageListenerContainer container = this.containers.getContainers().get(group);
		if (container == null) {
			throw new ReplayRefusedException("No handler of this application consumes in group '" + group
					+ "'; its groups are " + this.containers.getContainers().keySet() + ".");
		}
		List<String> topics = Arrays.asList(container.getContainerProperties().getTopics());
		if (!topics.contains(topic)) {
			throw new ReplayRefusedException(
					"Group '" + group + "' does not consume topic '" + topic + "'; it consumes " + topics + ".");
		}
		boolean wasRunning = container.isRunning();
		try (Admin admin = this.admins.get()) {
			// Stopping leaves the group: Kafka moves the offsets of an empty group only.
			container.stop();
			Collection<MemberDescription> members = describe(admin, group).members();
			if (!members.isEmpty()) {
				throw new ReplayRefusedException("Group '" + group + "' is active elsewhere: " + members.size()
						+ " member(s) outside this application's stopped container ("
						+ members.stream()
							.map((member) -> member.clientId() + " on " + member.host())
							.collect(Collectors.joining(", "))
						+ "). Stop the group's other consumers and replay again.");
			}
			Map<TopicPartition, OffsetAndMetadata> offsets = offsetsAt(admin, topic, timestamp);
			get(admin.alterConsumerGroupOffsets(group, offsets).all());
			List<PartitionOffset> moved = offsets.entrySet()
				.stream()
				.map((entry) -> new PartitionOffset(entry.getKey().partition(), entry.getValue().offset(),
						"end".equals(entry.getValue().metadata())))
				.sorted(Comparator.comparingInt(PartitionOffset::partition))
				.toList();
			logger.info("Replaying group '" + group + "' on " + topic + " from " + timestamp + ": offsets " + moved);
			return new ReplayResult(group, topic, timestamp, moved);
		}
		finally {
			if (wasRunning) {
				container.start();
			}
		}
	}

	private static ConsumerGroupDescription describe(Admin admin, String group) {
		return get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
	}

	private static Map<TopicPartition, OffsetAndMetadata> offsetsAt(Admin admin, String topic, Instant timestamp) {
		TopicDescription description = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
		Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
		Map<TopicPartition, OffsetSpec> atEnd = new HashMap<>();
		description.partitions().forEach((partition) -> {
			atTime.put(new TopicPartition(topic, partition.partition()),
					OffsetSpec.forTimestamp(timestamp.toEpochMilli()));
			atEnd.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
		});
		Map<TopicPartition, ListOffsetsResultInfo> found = get(admin.listOffsets(atTime).all());
		Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(atEnd).all());
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		atTime.keySet().forEach((partition) -> {
			ListOffsetsResultInfo info = found.get(partition);
			offsets.put(partition, (info != null && info.offset() >= 0) ? new OffsetAndMetadata(info.offset())
					: new OffsetAndMetadata(ends.get(partition).offset(), "end"));
		});
		return offsets;
	}

	private static <T> T get(KafkaFuture<T> future) {
		try {
			return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while replaying", ex);
		}
		catch (ExecutionException ex) {
			throw new ReplayRefusedException("Kafka refused the replay: " + ex.getCause().getMessage());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not answer within " + Duration.ofSeconds(TIMEOUT_SECONDS), ex);
		}
	}

	/**
	 * The outcome of a replay.
	 *
	 * @param group the consumer group
	 * @param topic the topic
	 * @param timestamp the point in time replayed from
	 * @param offsets the group's new offsets by partition
	 */
	public record ReplayResult(String group, String topic, Instant timestamp, List<PartitionOffset> offsets) {

	}

	/**
	 * A partition's new committed offset.
	 *
	 * @param partition the partition
	 * @param offset the offset the group continues from
	 * @param end whether no record is at or after the timestamp, so the offset is the end
	 */
	public record PartitionOffset(int partition, long offset, boolean end) {

	}

	/**
	 * Thrown when a replay is not done, with a reason an operator can act on.
	 */
	public static class ReplayRefusedException extends RuntimeException {

		ReplayRefusedException(String message) {
			super(message);
		}

	}

}
