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
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;

/**
 * A real KRaft node, broker and controller at once, in a JVM of its own, started from the
 * Kafka jars of Maven Central on this module's classpath: a single-node broker, or one
 * node of a {@link KafkaCluster}. Its data lives in a directory, so it can be killed and
 * started again on the same port and data.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Set<Integer> HANDED_OUT = new HashSet<>();

	private final Path directory;

	private final int nodeId;

	private final int port;

	private final ClusterSettings cluster;

	private final Path properties;

	private @Nullable Process process;

	/**
	 * Create a single-node broker that keeps its data in {@code directory}.
	 * @param directory where the broker keeps its configuration, data and log
	 * @param port the client port, 0 for any free one
	 */
	public KafkaBroker(Path directory, int port) {
		this(directory, 1, (port != 0) ? port : freePort(), ClusterSettings.singleNode(freePort()));
	}

	/**
	 * Create one node of a cluster.
	 * @param directory where the node keeps its configuration, data and log
	 * @param nodeId the node's id, one of the cluster's voters
	 * @param port the client port
	 * @param cluster what the cluster's nodes share
	 */
	KafkaBroker(Path directory, int nodeId, int port, ClusterSettings cluster) {
		this.directory = directory;
		this.nodeId = nodeId;
		this.port = port;
		this.cluster = cluster;
		this.properties = directory.resolve("server.properties");
	}

	/**
	 * Return the node's id in its cluster, {@code 1} for a single-node broker.
	 * @return the node id, as the Admin client names the broker
	 */
	public int nodeId() {
		return this.nodeId;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public Path log() {
		return this.directory.resolve("broker.log");
	}

	/**
	 * Start the broker, formatting its storage first when it is new, and wait until it
	 * answers.
	 * @param timeout how long to wait for the broker to answer
	 * @throws IOException if the broker's files cannot be written
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void start(Duration timeout) throws IOException, InterruptedException {
		launch();
		awaitAnswer(timeout);
	}

	/**
	 * Start the broker's JVM, formatting its storage first when it is new, without
	 * waiting for it to answer: the nodes of a cluster answer only once a majority of its
	 * controllers runs.
	 * @throws IOException if the broker's files cannot be written
	 * @throws InterruptedException if interrupted while formatting
	 */
	public void launch() throws IOException, InterruptedException {
		if (!Files.exists(this.properties)) {
			Files.createDirectories(this.directory);
			Files.writeString(this.properties, serverProperties());
			// The same cluster id on every node, and no --standalone: the voters are
			// named in controller.quorum.voters.
			Process format = java("kafka.tools.StorageTool", "format", "-t", this.cluster.clusterId(), "-c",
					this.properties.toString());
			if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
				throw new IllegalStateException("Formatting the broker's storage failed, see " + log());
			}
		}
		this.process = java("kafka.Kafka", this.properties.toString());
	}

	/**
	 * Wait until the launched broker answers an Admin client.
	 * @param timeout how long to wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitAnswer(Duration timeout) throws InterruptedException {
		Process launched = this.process;
		if (launched == null) {
			throw new IllegalStateException("The Kafka broker at " + bootstrapServers() + " was not launched");
		}
		Instant deadline = Instant.now().plus(timeout);
		while (!answers()) {
			if (!launched.isAlive()) {
				throw new IllegalStateException("The Kafka broker exited at start-up, see " + log());
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("The Kafka broker did not answer within " + timeout + ", see " + log());
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
	}

	public boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Kill the broker as {@code kill -9} would.
	 * @throws InterruptedException if interrupted while waiting for the process to end
	 */
	public void kill() throws InterruptedException {
		ChildProcesses.kill(this.process);
		this.process = null;
	}

	/**
	 * Stop the broker, letting it shut down cleanly within 30 seconds.
	 * @throws InterruptedException if interrupted while waiting for the process to end
	 */
	public void stop() throws InterruptedException {
		ChildProcesses.stop(this.process);
		this.process = null;
	}

	/**
	 * Ask the broker to shut down (SIGTERM) without waiting for it, so that the nodes of
	 * a cluster shut down together instead of the last one waiting for a controller
	 * quorum that has gone.
	 */
	void requestStop() {
		Process running = this.process;
		if (running != null) {
			running.destroy();
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	private String serverProperties() {
		int replicas = this.cluster.replicationFactor();
		// Replicated as in production: a write needs two in-sync replicas of three, and
		// no
		// replica that fell behind may become the leader. A single node has only itself.
		int minInsync = Math.min(2, replicas);
		List<String> lines = new ArrayList<>(List.of("process.roles=broker,controller", "node.id=" + this.nodeId,
				"controller.quorum.voters=" + this.cluster.voters(),
				"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:"
						+ this.cluster.controllerPort(this.nodeId),
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port, "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + this.directory.resolve("data"),
				"num.partitions=3", "default.replication.factor=" + replicas, "min.insync.replicas=" + minInsync,
				"offsets.topic.replication.factor=" + replicas, "transaction.state.log.replication.factor=" + replicas,
				"transaction.state.log.min.isr=" + minInsync,
				"share.coordinator.state.topic.replication.factor=" + replicas,
				"share.coordinator.state.topic.min.isr=" + minInsync, "unclean.leader.election.enable=false",
				"group.initial.rebalance.delay.ms=0"));
		this.cluster.brokerProperties().forEach((name, value) -> lines.add(name + "=" + value));
		return String.join("\n", lines) + "\n";
	}

	private boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1_000);
		}
		catch (IOException ex) {
			return false;
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				1_000))) {
			return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
	}

	private Process java(String mainClass, String... args) throws IOException {
		Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(javaBin.toString()));
		command.addAll(this.cluster.jvmOptions());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
			.start();
	}

	/**
	 * Return a port nothing listens on now, and that this JVM has not handed out before:
	 * the system may offer a port again once its probe socket is closed, and a broker
	 * whose listener and controller got the same one fails to start.
	 * @return the port
	 */
	public static int freePort() {
		synchronized (HANDED_OUT) {
			while (true) {
				try (ServerSocket socket = new ServerSocket(0)) {
					if (HANDED_OUT.add(socket.getLocalPort())) {
						return socket.getLocalPort();
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
	}

	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * What the nodes of one cluster share.
	 *
	 * @param clusterId the id their storage is formatted with
	 * @param controllerPorts the controller port of each node, by node id from 1
	 * @param jvmOptions the options of each node's JVM, such as its heap
	 * @param brokerProperties broker settings added to each node's server.properties
	 */
	record ClusterSettings(String clusterId, List<Integer> controllerPorts, List<String> jvmOptions,
			Map<String, String> brokerProperties) {

		ClusterSettings {
			controllerPorts = List.copyOf(controllerPorts);
			jvmOptions = List.copyOf(jvmOptions);
			brokerProperties = Map.copyOf(brokerProperties);
		}

		static ClusterSettings singleNode(int controllerPort) {
			return new ClusterSettings(Uuid.randomUuid().toString(), List.of(controllerPort), List.of("-Xmx512m"),
					Map.of());
		}

		/**
		 * Return the replication factor of the cluster's topics: every node holds a
		 * replica.
		 */
		int replicationFactor() {
			return this.controllerPorts.size();
		}

		int controllerPort(int nodeId) {
			return this.controllerPorts.get(nodeId - 1);
		}

		/**
		 * Return {@code controller.quorum.voters}: every node is a controller.
		 */
		String voters() {
			List<String> voters = new ArrayList<>();
			for (int id = 1; id <= this.controllerPorts.size(); id++) {
				voters.add(id + "@127.0.0.1:" + controllerPort(id));
			}
			return String.join(",", voters);
		}

	}

}
