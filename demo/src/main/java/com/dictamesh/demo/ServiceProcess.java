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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One sample service, run from its executable jar in a JVM of its own, with its output in
 * a log file.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path jar;

	private final int port;

	private final Path log;

	private final List<String> arguments;

	private @Nullable Process process;

	/**
	 * Describe a service.
	 * @param name the service's name, for messages and its log file
	 * @param jar the executable jar
	 * @param port the HTTP port, 0 for any free one
	 * @param directory where the log file goes
	 * @param arguments the application arguments, such as {@code --spring.kafka...}
	 */
	public ServiceProcess(String name, Path jar, int port, Path directory, List<String> arguments) {
		this.name = name;
		this.jar = jar;
		this.port = (port != 0) ? port : KafkaBroker.freePort();
		this.log = directory.resolve(name + ".log");
		this.arguments = List.copyOf(arguments);
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return "http://localhost:" + this.port;
	}

	public Path log() {
		return this.log;
	}

	/**
	 * Start the service and wait until its health endpoint answers UP.
	 * @param timeout how long to wait
	 * @throws IOException if the process cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void start(Duration timeout) throws IOException, InterruptedException {
		launch();
		awaitHealthy(timeout);
	}

	/**
	 * Start the service without waiting for it.
	 * @throws IOException if the process cannot be started
	 */
	public void launch() throws IOException {
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException("No executable jar at " + this.jar + ": build it with ./mvnw package");
		}
		Files.createDirectories(this.log.getParent());
		Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
				"-jar", this.jar.toString(), "--server.port=" + this.port));
		command.addAll(this.arguments);
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
	}

	/**
	 * Wait until the service's health endpoint answers UP.
	 * @param timeout how long to wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitHealthy(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!isHealthy()) {
			if (!isAlive()) {
				throw new IllegalStateException(this.name + " exited at start-up, see " + this.log);
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(this.name + " was not healthy within " + timeout + ", see " + this.log);
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
	}

	public boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	public boolean isHealthy() {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Stop the service as Ctrl-C would (SIGTERM, a graceful shutdown), forcibly after 30
	 * seconds.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void stop() throws InterruptedException {
		ChildProcesses.stop(this.process);
		this.process = null;
	}

	/**
	 * Kill the service as {@code kill -9} would.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void kill() throws InterruptedException {
		ChildProcesses.kill(this.process);
		this.process = null;
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
