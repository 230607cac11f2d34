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
package com.dictamesh.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The reliability service in a JVM of its own, started from this module's classpath by
 * its main class, with its output in a log file. It is ready when it has written its
 * ready file (it has no web server).
 */
final class ServiceJvm implements AutoCloseable {

	// Whatever happens to the harness, no service outlives it.
	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(Process::destroyForcibly)));
	}

	private final String mainClass;

	private final Path log;

	private final Path readyFile;

	private final List<String> arguments;

	private @Nullable Process process;

	ServiceJvm(String mainClass, Path directory, List<String> arguments) {
		this.mainClass = mainClass;
		this.log = directory.resolve("service.log");
		this.readyFile = directory.resolve("service.ready");
		this.arguments = List.copyOf(arguments);
	}

	Path log() {
		return this.log;
	}

	/**
	 * Start the service and wait until it is ready.
	 * @param timeout how long to wait
	 * @throws IOException if the process cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	void start(Duration timeout) throws IOException, InterruptedException {
		launch();
		awaitReady(timeout);
	}

	/**
	 * Start the service without waiting for it, so that several start together.
	 * @throws IOException if the process cannot be started
	 */
	void launch() throws IOException {
		Files.createDirectories(this.log.getParent());
		Files.deleteIfExists(this.readyFile);
		Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
		// The client compiler and the serial collector: the service shares two cores
		// with a broker, a database and the harness.
		List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), this.mainClass,
				"--reliability.ready-file=" + this.readyFile));
		command.addAll(this.arguments);
		Process started = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		this.process = started;
		running.add(started);
	}

	/**
	 * Wait until the launched service is ready.
	 * @param timeout how long to wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitReady(Duration timeout) throws InterruptedException {
		Process started = this.process;
		if (started == null) {
			throw new IllegalStateException("The service was not launched, see " + this.log);
		}
		Instant deadline = Instant.now().plus(timeout);
		while (!Files.exists(this.readyFile)) {
			if (!started.isAlive()) {
				throw new IllegalStateException("The service exited at start-up, see " + this.log);
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("The service was not ready within " + timeout + ", see " + this.log);
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Kill the service as {@code kill -9} would: no shutdown hook, no last commit.
	 * @throws InterruptedException if interrupted while waiting for it to end
	 */
	void kill() throws InterruptedException {
		Process killed = this.process;
		this.process = null;
		if (killed != null) {
			killed.destroyForcibly();
			killed.waitFor(30, TimeUnit.SECONDS);
			running.remove(killed);
		}
	}

	/**
	 * Stop the service gracefully (SIGTERM), forcibly after 30 seconds.
	 * @throws InterruptedException if interrupted while waiting for it to end
	 */
	void stop() throws InterruptedException {
		Process stopped = this.process;
		this.process = null;
		if (stopped != null) {
			stopped.destroy();
			if (!stopped.waitFor(30, TimeUnit.SECONDS)) {
				stopped.destroyForcibly();
				stopped.waitFor(30, TimeUnit.SECONDS);
			}
			running.remove(stopped);
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
