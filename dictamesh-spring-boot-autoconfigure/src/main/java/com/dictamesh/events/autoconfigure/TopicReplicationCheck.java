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
package com.dictamesh.events.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.dictamesh.events.EventsConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.DirectFieldAccessor;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Checks, at start-up, that the cluster can hold the declared topics as declared. It
 * refuses a replication factor above the number of brokers: Kafka would refuse to create
 * the starter's topics, KafkaAdmin only logs it, and every send then waits for a topic
 * that never comes. It also compares the topics that exist already with their
 * declaration, as KafkaAdmin never changes a topic's replicas (nor, unless
 * {@code spring.kafka.admin.modify-topic-configs} is set, its configuration): with the
 * production profile a topic with fewer replicas or a lower {@code min.insync.replicas}
 * than declared refuses start-up, otherwise it gives a warning.
 */
final class TopicReplicationCheck {

	private static final Log logger = LogFactory.getLog(TopicReplicationCheck.class);

	private static final String PROPERTY = "dictamesh.events.topics.replication-factor";

	private TopicReplicationCheck() {
	}

	/**
	 * Count the cluster's brokers and fail when there are fewer than the replication
	 * factor, then compare the existing declared topics with their declaration. A factor
	 * of 1 outside the production profile, or an admin that creates no topics, needs no
	 * look-up; an unreachable cluster is left to the health indicators, with a warning.
	 * @param admin the application's KafkaAdmin, whose settings reach the cluster
	 * @param declared the declared topics
	 * @param replicationFactor the replication factor of the declared topics
	 * @param minInsyncReplicas the declared min.insync.replicas, if any
	 * @param production whether the production profile is on, which turns a shortfall of
	 * an existing topic into a start-up failure
	 */
	static void verify(KafkaAdmin admin, Collection<NewTopic> declared, short replicationFactor,
			@Nullable Integer minInsyncReplicas, boolean production) {
		if ((replicationFactor <= 1 && !production) || !createsTopics(admin)) {
			return;
		}
		// As long as KafkaAdmin itself waits for the cluster
		// (spring.kafka.admin.operation-timeout).
		Duration timeout = Duration.ofSeconds(admin.getOperationTimeout());
		Object bootstrapServers = admin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		Admin client = Admin.create(admin.getConfigurationProperties());
		List<String> shortfalls;
		try {
			int brokers;
			try {
				brokers = client.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
					.nodes()
					.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
					.size();
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("Could not count the brokers at " + bootstrapServers + " to check " + PROPERTY + " ("
						+ replicationFactor + ") against them: " + ex.getMessage());
				return;
			}
			if (brokers < replicationFactor) {
				throw EventsConfigurationException.invalidProperty(PROPERTY, replicationFactor,
						"the cluster at " + bootstrapServers + " has " + brokers + " broker(s), so Kafka cannot place "
								+ replicationFactor
								+ " replicas of each partition and would refuse to create the starter's topics",
						"set it to at most " + brokers + " for this cluster (3 in production, on 3 brokers or more)");
			}
			try {
				shortfalls = shortfalls(client, declared, replicationFactor,
						modifiesTopicConfigs(admin) ? null : minInsyncReplicas, timeout);
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("Could not compare the existing topics at " + bootstrapServers + " with their declaration: "
						+ ex.getMessage());
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		finally {
			client.close(Duration.ofSeconds(1));
		}
		if (shortfalls.isEmpty()) {
			return;
		}
		String description = "Existing topics at " + bootstrapServers + " are weaker than declared ("
				+ replicationFactor + " replicas"
				+ ((minInsyncReplicas != null) ? ", min.insync.replicas " + minInsyncReplicas : "") + "): "
				+ String.join("; ", shortfalls) + ". KafkaAdmin does not change the replicas of a topic that exists.";
		String action = "Add replicas with kafka-reassign-partitions.sh and raise min.insync.replicas with "
				+ "kafka-configs.sh --alter --entity-type topics --entity-name <topic> --add-config "
				+ "min.insync.replicas=<n> (or set spring.kafka.admin.modify-topic-configs=true so that KafkaAdmin "
				+ "sets the declared configuration at start-up)";
		if (production) {
			throw new EventsConfigurationException(
					description + " The production profile (dictamesh.events.profile) refuses them.", action + ".");
		}
		logger.warn(description + " " + action + ".");
	}

	private static List<String> shortfalls(Admin client, Collection<NewTopic> declared, short replicationFactor,
			@Nullable Integer minInsyncReplicas, Duration timeout)
			throws ExecutionException, TimeoutException, InterruptedException {
		List<String> names = declared.stream().map(NewTopic::name).toList();
		Map<String, KafkaFuture<TopicDescription>> described = client
			.describeTopics(names, new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
			.topicNameValues();
		Map<String, Integer> existing = new LinkedHashMap<>();
		for (String name : names) {
			try {
				TopicDescription description = described.get(name).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
				existing.put(name,
						description.partitions()
							.stream()
							.mapToInt((partition) -> partition.replicas().size())
							.min()
							.orElse(replicationFactor));
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
				// Not created yet: KafkaAdmin creates it as declared.
			}
		}
		List<String> shortfalls = new ArrayList<>();
		existing.forEach((name, replicas) -> {
			if (replicas < replicationFactor) {
				shortfalls.add(name + " has " + replicas + " replica(s)");
			}
		});
		if (minInsyncReplicas != null && !existing.isEmpty()) {
			List<ConfigResource> resources = existing.keySet()
				.stream()
				.map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name))
				.toList();
			Map<ConfigResource, Config> configs = client
				.describeConfigs(resources, new DescribeConfigsOptions().timeoutMs((int) timeout.toMillis()))
				.all()
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			configs.forEach((resource, config) -> {
				ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
				if (entry != null && entry.value() != null && Integer.parseInt(entry.value()) < minInsyncReplicas) {
					shortfalls.add(resource.name() + " has min.insync.replicas " + entry.value());
				}
			});
		}
		return shortfalls;
	}

	static boolean createsTopics(KafkaAdmin admin) {
		// KafkaAdmin has no getter for it; an admin that creates no topics (auto-create
		// off, as in the test support's in-memory transport) applies no replication.
		return !Boolean.FALSE.equals(field(admin, "autoCreate"));
	}

	private static boolean modifiesTopicConfigs(KafkaAdmin admin) {
		return Boolean.TRUE.equals(field(admin, "modifyTopicConfigs"));
	}

	private static @Nullable Object field(KafkaAdmin admin, String name) {
		try {
			return new DirectFieldAccessor(admin).getPropertyValue(name);
		}
		catch (BeansException ex) {
			return null;
		}
	}

}
