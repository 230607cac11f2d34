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
package com.dictamesh.events.avro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Apicurio Registry in a JVM of its own, from the
 * {@code io.apicurio:apicurio-registry-app:tar.gz:all} distribution that the build
 * unpacks into {@code target/apicurio-registry}, with in-memory storage on a free port.
 * Its Confluent-compatible API is at {@link #confluentApiUrl()}.
 */
final class ApicurioRegistry implements AutoCloseable {

	private static final String RUNNER = "apicurio-registry-app-2.6.13.Final-runner.jar";

	private final Path home;

	private final int port = freePort();

	private Process process;

	private Duration startTime;

	ApicurioRegistry() {
		this.home = Path.of(System.getProperty("apicurio-registry.home", "target/apicurio-registry"));
	}

	void start() throws IOException {
		Path runner = this.home.resolve(RUNNER);
		if (!Files.exists(runner)) {
			throw new IllegalStateException(runner.toAbsolutePath() + " is missing: the build unpacks it in the "
					+ "generate-test-resources phase (./mvnw -pl dictamesh-spring-boot-autoconfigure generate-test-resources)");
		}
		Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
		long started = System.nanoTime();
		this.process = new ProcessBuilder(List.of(javaBin.toString(), "-Xmx512m", "-Dquarkus.http.host=127.0.0.1",
				"-Dquarkus.http.port=" + this.port, "-jar", runner.toString()))
			.directory(this.home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log().toFile())
			.start();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.failFast("Apicurio Registry exited, see " + log(), () -> !this.process.isAlive())
			.until(() -> http
				.send(HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/subjects")).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200);
		this.startTime = Duration.ofNanos(System.nanoTime() - started);
	}

	String confluentApiUrl() {
		return "http://127.0.0.1:" + this.port + "/apis/ccompat/v7";
	}

	Duration startTime() {
		return this.startTime;
	}

	Path log() {
		return this.home.resolve("registry-" + this.port + ".log");
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
			}
			this.process = null;
		}
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
