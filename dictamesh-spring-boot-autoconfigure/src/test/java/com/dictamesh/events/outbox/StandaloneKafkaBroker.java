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

package com.dictamesh.events.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import static org.awaitility.Awaitility.await;

/**
 * A real single-node KRaft broker in a JVM of its own, started from the Kafka jars on the
 * test classpath, that a test can kill with {@code kill -9} and start again on the same
 * port and data.
 */
final class StandaloneKafkaBroker implements AutoCloseable {

	private final Path directory;

	private final int port;

	private final int controllerPort;

	private final Path properties;

	private Process process;

	StandaloneKafkaBroker(Path directory) {
		this.directory = directory;
		this.port = freePort();
		// The system may offer a closed probe's port again: a broker whose listener and
		// controller got the same one fails to start.
		int controller = freePort();
		while (controller == this.port) {
			controller = freePort();
		}
		this.controllerPort = controller;
		this.properties = directory.resolve("server.properties");
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	void start() throws IOException, InterruptedException {
		if (!Files.exists(this.properties)) {
			Files.createDirectories(this.directory);
			Files.writeString(this.properties,
					String.join("\n", "process.roles=broker,controller", "node.id=1",
							"controller.quorum.voters=1@127.0.0.1:" + this.controllerPort,
							"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:"
									+ this.controllerPort,
							"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port,
							"controller.listener.names=CONTROLLER",
							"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
							"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + this.directory.resolve("data"),
							"num.partitions=3", "offsets.topic.replication.factor=1",
							"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
							"group.initial.rebalance.delay.ms=0", ""));
			Process format = java("kafka.tools.StorageTool", "format", "-t",
					UUID.randomUUID().toString().substring(0, 22), "-c", this.properties.toString());
			if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
				throw new IllegalStateException("Formatting the broker's storage failed, see " + log());
			}
		}
		this.process = java("kafka.Kafka", this.properties.toString());
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(this::answers);
	}

	/**
	 * Kill the broker as {@code kill -9} would.
	 */
	void kill() throws InterruptedException {
		if (this.process != null) {
			this.process.destroyForcibly();
			this.process.waitFor(30, TimeUnit.SECONDS);
			this.process = null;
		}
	}

	void createTopic(String name, int partitions) throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	private boolean answers() throws Exception {
		try (Admin admin = admin()) {
			return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
		}
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				5_000));
	}

	private Process java(String mainClass, String... args) throws IOException {
		Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new java.util.ArrayList<>(
				List.of(javaBin.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
			.start();
	}

	private Path log() {
		return this.directory.resolve("broker.log");
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
