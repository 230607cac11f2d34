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

package com.dictamesh.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A real KRaft cluster on 127.0.0.1: every node broker and controller at once, each in a
 * JVM of its own (a {@link KafkaBroker}), all of them voters of the controller quorum,
 * and every partition replicated on every node with {@code min.insync.replicas} 2, so
 * that the cluster goes on with one node killed. A node can be killed and started again
 * on its port and data.
 */
public final class KafkaCluster implements AutoCloseable {

	// Modest heaps and the serial collector: three brokers share two cores with the
	// services under test.
	private static final List<String> NODE_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

	private final List<KafkaBroker> nodes;

	/**
	 * Create a cluster whose nodes keep their data in {@code broker-1}, {@code broker-2}
	 * ... of {@code directory}, on free ports.
	 * @param directory the cluster's directory
	 * @param size the number of nodes, each a broker and a controller
	 * @param brokerProperties broker settings added to every node's server.properties
	 */
	public KafkaCluster(Path directory, int size, Map<String, String> brokerProperties) {
		List<Integer> controllerPorts = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			controllerPorts.add(KafkaBroker.freePort());
		}
		KafkaBroker.ClusterSettings settings = new KafkaBroker.ClusterSettings(Uuid.randomUuid().toString(),
				controllerPorts, (size > 1) ? NODE_JVM_OPTIONS : List.of("-Xmx512m"), brokerProperties);
		List<KafkaBroker> created = new ArrayList<>();
		for (int id = 1; id <= size; id++) {
			created.add(new KafkaBroker(directory.resolve("broker-" + id), id, KafkaBroker.freePort(), settings));
		}
		this.nodes = List.copyOf(created);
	}

	/**
	 * Return the bootstrap servers of every node, so that a client connects while any one
	 * of them is down.
	 * @return the bootstrap servers
	 */
	public String bootstrapServers() {
		return this.nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
	}

	public List<KafkaBroker> nodes() {
		return this.nodes;
	}

	/**
	 * Return a node.
	 * @param nodeId its id, from 1
	 * @return the node
	 */
	public KafkaBroker node(int nodeId) {
		return this.nodes.get(nodeId - 1);
	}

	/**
	 * Start every node (their storage formatted with one cluster id when new), and wait
	 * until each answers and the cluster counts them all.
	 * @param timeout how long to wait
	 * @throws IOException if a node's files cannot be written
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void start(Duration timeout) throws IOException, InterruptedException {
		try {
			// All at once: a node answers only once a majority of the controllers runs.
			for (KafkaBroker node : this.nodes) {
				node.launch();
			}
			for (KafkaBroker node : this.nodes) {
				node.awaitAnswer(timeout);
			}
			awaitBrokers(this.nodes.size(), timeout);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			kill();
			throw ex;
		}
	}

	/**
	 * Wait until the cluster counts a number of live brokers.
	 * @param brokers the number of brokers
	 * @param timeout how long to wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitBrokers(int brokers, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		try (Admin admin = admin()) {
			while (liveBrokers(admin) != brokers) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("The cluster did not count " + brokers + " brokers within "
							+ timeout + ", see " + this.nodes.get(0).log());
				}
				TimeUnit.MILLISECONDS.sleep(250);
			}
		}
	}

	/**
	 * Return an Admin client of the cluster, to be closed by the caller.
	 * @return the client
	 */
	public Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
	}

	/**
	 * Return the leader of each partition of a topic, as the cluster says now.
	 * @param topic the topic
	 * @return the leader's node id by partition, {@code -1} for a partition without one
	 */
	public Map<Integer, Integer> leaders(String topic) {
		Map<Integer, Integer> leaders = new TreeMap<>();
		for (TopicPartitionInfo partition : describe(topic)) {
			Node leader = partition.leader();
			leaders.put(partition.partition(), (leader != null && !leader.isEmpty()) ? leader.id() : -1);
		}
		return leaders;
	}

	/**
	 * Return the leader of a partition, as the cluster says now.
	 * @param topic the topic
	 * @param partition the partition
	 * @return the leader's node id, {@code -1} if the partition has none
	 */
	public int leaderOf(String topic, int partition) {
		Integer leader = leaders(topic).get(partition);
		if (leader == null) {
			throw new IllegalArgumentException(topic + " has no partition " + partition);
		}
		return leader;
	}

	/**
	 * Return the in-sync replicas of each partition of a topic, as the cluster says now.
	 * @param topic the topic
	 * @return the node ids of the in-sync replicas by partition
	 */
	public Map<Integer, List<Integer>> inSyncReplicas(String topic) {
		Map<Integer, List<Integer>> replicas = new TreeMap<>();
		for (TopicPartitionInfo partition : describe(topic)) {
			replicas.put(partition.partition(), partition.isr().stream().map(Node::id).sorted().toList());
		}
		return replicas;
	}

	/**
	 * Stop every node, all at once, each forcibly after 30 seconds.
	 * @throws InterruptedException if interrupted while waiting for them to end
	 */
	public void stop() throws InterruptedException {
		this.nodes.forEach(KafkaBroker::requestStop);
		for (KafkaBroker node : this.nodes) {
			node.stop();
		}
	}

	/**
	 * Kill every node as {@code kill -9} would.
	 * @throws InterruptedException if interrupted while waiting for them to end
	 */
	public void kill() throws InterruptedException {
		for (KafkaBroker node : this.nodes) {
			node.kill();
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	private List<TopicPartitionInfo> describe(String topic) {
		try (Admin admin = admin()) {
			return admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(topic)
				.partitions();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing " + topic, ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Describing " + topic + " failed", ex);
		}
	}

	private static int liveBrokers(Admin admin) {
		try {
			return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
		catch (Exception ex) {
			return -1;
		}
	}

}
