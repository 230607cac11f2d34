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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.dictamesh.events.EventsConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.BeansException;
import org.springframework.beans.DirectFieldAccessor;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Refuses, at start-up, a replication factor the cluster cannot give: with more replicas
 * than brokers Kafka refuses to create the starter's topics, KafkaAdmin only logs it, and
 * every send then waits for a topic that never comes.
 */
final class TopicReplicationCheck {

	private static final Log logger = LogFactory.getLog(TopicReplicationCheck.class);

	private static final String PROPERTY = "dictamesh.events.topics.replication-factor";

	private TopicReplicationCheck() {
	}

	/**
	 * Count the cluster's brokers and fail when there are fewer than the replication
	 * factor. A factor of 1, or an admin that creates no topics, needs no look-up; an
	 * unreachable cluster is left to the health indicators, with a warning.
	 * @param admin the application's KafkaAdmin, whose settings reach the cluster
	 * @param replicationFactor the replication factor of the declared topics
	 */
	static void verify(KafkaAdmin admin, short replicationFactor) {
		if (replicationFactor <= 1 || !createsTopics(admin)) {
			return;
		}
		// As long as KafkaAdmin itself waits for the cluster
		// (spring.kafka.admin.operation-timeout).
		Duration timeout = Duration.ofSeconds(admin.getOperationTimeout());
		Object bootstrapServers = admin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		int brokers;
		Admin client = Admin.create(admin.getConfigurationProperties());
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
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		finally {
			client.close(Duration.ofSeconds(1));
		}
		if (brokers < replicationFactor) {
			throw EventsConfigurationException.invalidProperty(PROPERTY, replicationFactor,
					"the cluster at " + bootstrapServers + " has " + brokers + " broker(s), so Kafka cannot place "
							+ replicationFactor
							+ " replicas of each partition and would refuse to create the starter's topics",
					"set it to at most " + brokers + " for this cluster (3 in production, on 3 brokers or more)");
		}
	}

	private static boolean createsTopics(KafkaAdmin admin) {
		// KafkaAdmin has no getter for it; an admin that creates no topics (auto-create
		// off, as in the test support's in-memory transport) applies no replication.
		try {
			return !Boolean.FALSE.equals(new DirectFieldAccessor(admin).getPropertyValue("autoCreate"));
		}
		catch (BeansException ex) {
			return true;
		}
	}

}
