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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;

/**
 * A real single-node KRaft broker in a JVM of its own, started from the Kafka jars of
 * Maven Central on this module's classpath. Its data lives in a directory, so it can be
 * killed and started again on the same port and data.
 */
public final class KafkaBroker implements AutoCloseable {

	private final Path directory;

	private final int port;

	private final int controllerPort;

	private final Path properties;

	private @Nullable Process process;

	/**
	 * Create a broker that keeps its data in {@code directory}.
	 * @param directory where the broker keeps its configuration, data and log
	 * @param port the client port, 0 for any free one
	 */
	public KafkaBroker(Path directory, int port) {
		this.directory = directory;
		this.port = (port != 0) ? port : freePort();
		this.controllerPort = freePort();
		this.properties = directory.resolve("server.properties");
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
		if (!Files.exists(this.properties)) {
			Files.createDirectories(this.directory);
			Files.writeString(this.properties, String.join("\n", "process.roles=broker,controller", "node.id=1",
					"controller.quorum.voters=1@127.0.0.1:" + this.controllerPort,
					"listeners=PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort,
					"advertised.listeners=PLAINTEXT://127.0.0.1:" + this.port, "controller.listener.names=CONTROLLER",
					"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
					"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + this.directory.resolve("data"),
					"num.partitions=3", "offsets.topic.replication.factor=1",
					"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
					"share.coordinator.state.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0", ""));
			Process format = java("kafka.tools.StorageTool", "format", "-t",
					UUID.randomUUID().toString().substring(0, 22), "-c", this.properties.toString());
			if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
				throw new IllegalStateException("Formatting the broker's storage failed, see " + log());
			}
		}
		this.process = java("kafka.Kafka", this.properties.toString());
		Instant deadline = Instant.now().plus(timeout);
		while (!answers()) {
			if (!this.process.isAlive()) {
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

	@Override
	public void close() throws InterruptedException {
		stop();
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
		List<String> command = new ArrayList<>(
				List.of(javaBin.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
			.start();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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

}
