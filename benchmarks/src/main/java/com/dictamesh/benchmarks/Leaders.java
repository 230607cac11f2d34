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
package com.dictamesh.benchmarks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import com.dictamesh.events.PublishResult;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Waits for a topic the starter declared at start-up to have a leader for every partition
 * before a scenario sends to it. Under load, an idempotent producer that sends to a
 * partition while its leader is being elected was seen (kafka-clients 4.2.1) to retry a
 * batch with an out-of-order sequence until the delivery timeout: the harness keeps clear
 * of that race rather than measure it.
 */
final class Leaders {

	private Leaders() {
	}

	/**
	 * Wait until every partition of the topic has a leader.
	 * @return the topic's partition count
	 */
	static int await(String topic, Object bootstrapServers) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			int partitions;
			while ((partitions = ledPartitions(admin, topic)) == 0) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The partitions of " + topic + " have no leader after a minute");
				}
				TimeUnit.MILLISECONDS.sleep(100);
			}
			return partitions;
		}
	}

	/**
	 * Publish one event at a time, each waited for, until every partition of the topic
	 * has taken one, so that no burst of batches reaches a partition that is still
	 * becoming ready (seen to leave an idempotent producer retrying an out-of-order
	 * sequence until its delivery timeout).
	 * @param publish publishes the i-th event
	 * @param partitions the topic's partition count
	 * @return how many events were published
	 */
	static int prime(IntFunction<CompletableFuture<PublishResult>> publish, int partitions) throws Exception {
		Set<Integer> taken = new HashSet<>();
		int sent = 0;
		while (taken.size() < partitions) {
			if (sent > 100 * partitions) {
				throw new IllegalStateException("Only partitions " + taken + " took events after " + sent);
			}
			taken.add(publish.apply(sent++).get(2, TimeUnit.MINUTES).partition());
		}
		return sent;
	}

	/**
	 * Return the topic's partition count when every partition has a leader, else 0.
	 */
	private static int ledPartitions(Admin admin, String topic) throws InterruptedException {
		try {
			TopicDescription description = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic);
			boolean allLed = description.partitions().stream().allMatch((partition) -> partition.leader() != null);
			return allLed ? description.partitions().size() : 0;
		}
		catch (ExecutionException | TimeoutException ex) {
			// Not created yet, or the broker is slow to answer: ask again.
			return 0;
		}
	}

}
