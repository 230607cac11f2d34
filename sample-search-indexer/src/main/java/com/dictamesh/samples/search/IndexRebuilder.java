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

package com.dictamesh.samples.search;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.dictamesh.events.kafka.EventHandlerContainers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the index from the events still on the topic: stops the indexer's listener
 * container, moves the consumer group's committed offsets to the earliest offsets of
 * every partition of its topics, empties the index, and starts the container again, which
 * then replays the topic from the beginning.
 * <p>
 * The starter has no replay operation yet, so this works on Kafka directly with the
 * {@link Admin} client. Kafka only moves the offsets of a group without active members:
 * when another process consumes in the group ({@code search.group-id} should be one per
 * instance), the rebuild is refused and nothing is changed. A rebuild recovers only what
 * the topic still holds: products whose last event is older than the topic's retention
 * are lost from the index.
 */
@Component
public class IndexRebuilder {

	private static final Log logger = LogFactory.getLog(IndexRebuilder.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final EventHandlerContainers containers;

	private final KafkaAdmin kafkaAdmin;

	private final ProductIndex index;

	private final String group;

	public IndexRebuilder(EventHandlerContainers containers, KafkaAdmin kafkaAdmin, ProductIndex index,
			SearchProperties properties) {
		this.containers = containers;
		this.kafkaAdmin = kafkaAdmin;
		this.index = index;
		this.group = properties.groupId();
	}

	/**
	 * Empty the index and replay the indexer's topics from the beginning. Returns once
	 * the replay has started; searches see the products come back as it proceeds.
	 * @return what was done
	 * @throws RebuildRefusedException when Kafka refuses to move the group's offsets,
	 * typically because another instance consumes in the group; the index is left as it
	 * was
	 */
	public synchronized RebuildReport rebuild() {
		String group = this.group;
		MessageListenerContainer container = this.containers.getContainers().get(group);
		if (container == null) {
			throw new IllegalStateException("No listener container for consumer group '" + group + "'");
		}
		List<String> topics = List.of(container.getContainerProperties().getTopics());
		logger.info("Rebuilding the index " + this.index.path() + " from " + topics + " in group '" + group + "'");
		stop(container);
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			refuseIfActive(admin, group);
			Map<TopicPartition, Long> earliest = earliestOffsets(admin, topics);
			// Offsets first: a crash before the index is emptied replays onto the old
			// index, which converges; the other order could leave an empty index behind
			// offsets at the end of the topic.
			resetOffsets(admin, group, earliest);
			int removed = this.index.deleteAll();
			List<PartitionReset> resets = new ArrayList<>();
			earliest.forEach((partition, offset) -> resets
				.add(new PartitionReset(partition.topic(), partition.partition(), offset)));
			resets.sort(Comparator.comparing(PartitionReset::topic).thenComparingInt(PartitionReset::partition));
			logger.info("Removed " + removed + " document(s) and reset " + resets.size() + " partition(s) of group '"
					+ group + "' to their earliest offsets; replaying");
			return new RebuildReport(group, topics, removed, resets);
		}
		catch (RebuildRefusedException ex) {
			logger.warn("Index rebuild refused: " + ex.getMessage());
			throw ex;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot empty the index " + this.index.path(), ex);
		}
		finally {
			container.start();
		}
	}

	private void stop(MessageListenerContainer container) {
		CountDownLatch stopped = new CountDownLatch(1);
		// The callback runs once every consumer has left the group.
		container.stop(stopped::countDown);
		try {
			if (!stopped.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				container.start();
				throw new IllegalStateException("The listener container did not stop within " + TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			container.start();
			throw new IllegalStateException("Interrupted while stopping the listener container", ex);
		}
	}

	private void refuseIfActive(Admin admin, String group) {
		try {
			ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
			if (description != null && !description.members().isEmpty()) {
				throw new RebuildRefusedException("Consumer group '" + group + "' has " + description.members().size()
						+ " active member(s) elsewhere ("
						+ description.members()
							.stream()
							.map((member) -> member.clientId() + "@" + member.host())
							.toList()
						+ "): give each indexer instance a search.group-id of its own, or stop the others, then rebuild.");
			}
		}
		catch (GroupIdNotFoundException ex) {
			// A group that never committed has no members either.
		}
	}

	private Map<TopicPartition, Long> earliestOffsets(Admin admin, List<String> topics) {
		Map<String, TopicDescription> descriptions = get(admin.describeTopics(topics).allTopicNames());
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		descriptions.values()
			.forEach((topic) -> topic.partitions()
				.forEach((partition) -> request.put(new TopicPartition(topic.name(), partition.partition()),
						OffsetSpec.earliest())));
		Map<TopicPartition, ListOffsetsResultInfo> offsets = get(admin.listOffsets(request).all());
		Map<TopicPartition, Long> earliest = new LinkedHashMap<>();
		offsets.forEach((partition, info) -> earliest.put(partition, info.offset()));
		return earliest;
	}

	private void resetOffsets(Admin admin, String group, Map<TopicPartition, Long> earliest) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		earliest.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
		try {
			get(admin.alterConsumerGroupOffsets(group, offsets).all());
		}
		catch (UnknownMemberIdException | GroupNotEmptyException | RebalanceInProgressException ex) {
			// A member joined since the look-up: Kafka moves offsets of empty groups
			// only.
			throw new RebuildRefusedException("Kafka refused to reset the offsets of consumer group '" + group
					+ "' because it is active elsewhere (" + ex.getMessage()
					+ "): give each indexer instance a search.group-id of its own, or stop the others, then rebuild.",
					ex);
		}
	}

	private static <T> T get(KafkaFuture<T> future) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof ApiException api) {
				throw api;
			}
			throw new IllegalStateException("Kafka admin request failed", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka did not answer within " + TIMEOUT, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
	}

	/**
	 * What a rebuild did.
	 *
	 * @param group the consumer group whose offsets were reset
	 * @param topics the topics replayed
	 * @param documentsRemoved the documents the index held before it was emptied
	 * @param partitionsReset the partitions reset, each with the offset it restarts from
	 */
	public record RebuildReport(String group, List<String> topics, int documentsRemoved,
			List<PartitionReset> partitionsReset) {

	}

	/**
	 * A partition whose committed offset was reset.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param offset the earliest offset, where consumption restarts
	 */
	public record PartitionReset(String topic, int partition, long offset) {

	}

}
