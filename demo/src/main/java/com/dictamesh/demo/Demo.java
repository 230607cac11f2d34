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
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the demo: a standalone Kafka broker, the products adapter and the search indexer,
 * each in a process of its own; loads a generated catalogue; prints where to look; and
 * stops everything it started on Ctrl-C. Every run starts from empty data under
 * {@code demo/target/demo-run}, so a second run needs no cleaning up.
 */
public final class Demo {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final PrintStream out = System.out;

	private volatile boolean stopping;

	private final Path root;

	private final int catalogueSize;

	private Demo(Path root, int catalogueSize) {
		this.root = root;
		this.catalogueSize = catalogueSize;
	}

	public static void main(String[] args) throws Exception {
		int catalogueSize = 2000;
		for (String arg : args) {
			if (arg.startsWith("--catalogue=")) {
				catalogueSize = Integer.parseInt(arg.substring("--catalogue=".length()));
			}
			else {
				System.err.println("Unknown argument " + arg + "; the only one is --catalogue=<number of products>");
				System.exit(2);
			}
		}
		new Demo(Path.of(System.getProperty("demo.root", ".")).toAbsolutePath().normalize(), catalogueSize).run();
	}

	private void run() throws Exception {
		Path run = this.root.resolve("demo/target/demo-run");
		deleteRecursively(run);
		Files.createDirectories(run);
		KafkaBroker broker = new KafkaBroker(run.resolve("kafka"), preferred(9092));
		ServiceProcess products = new ServiceProcess("products-adapter", executableJar("sample-products-adapter"),
				preferred(8080), run, List.of("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers()));
		ServiceProcess indexer = new ServiceProcess("search-indexer", executableJar("sample-search-indexer"),
				preferred(8081), run, List.of("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
						"--search.index.path=" + run.resolve("search-index")));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			this.stopping = true;
			stopAll(broker, products, indexer);
		}, "demo-shutdown"));

		step("Starting a Kafka broker (KRaft, single node) on " + broker.bootstrapServers());
		broker.start(START_TIMEOUT);
		step("Starting the products adapter and the search indexer");
		products.launch();
		indexer.launch();
		products.awaitHealthy(START_TIMEOUT);
		indexer.awaitHealthy(START_TIMEOUT);
		step("Loading a generated catalogue of " + this.catalogueSize + " products");
		Instant loadStarted = Instant.now();
		send(HttpRequest.newBuilder(URI.create(products.url() + "/api/products/catalogue?size=" + this.catalogueSize))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), 201);
		awaitIndexed(indexer, this.catalogueSize);
		step(String.format(Locale.ROOT, "The search index holds all %d products, %.1f s after the load started",
				this.catalogueSize, Duration.between(loadStarted, Instant.now()).toMillis() / 1000.0));
		printWhereToLook(broker, products, indexer, run);
		watch(broker, products, indexer);
	}

	private void printWhereToLook(KafkaBroker broker, ServiceProcess products, ServiceProcess indexer, Path run) {
		this.out.println();
		this.out.println("DictaMesh demo is running. Ctrl-C stops everything it started.");
		this.out.println();
		this.out.println("  Search page      " + indexer.url() + "/");
		this.out.println("  Search API       " + indexer.url() + "/search?q=oak+lamp");
		this.out.println("  Products API     " + products.url() + "/api/products?size=5");
		this.out.println("  Health           " + products.url() + "/actuator/health");
		this.out.println("                   " + indexer.url() + "/actuator/health");
		this.out.println("  Operations       " + indexer.url() + "/actuator/dictamesh (handlers, lag, dead letters)");
		this.out.println("  Kafka            " + broker.bootstrapServers() + ", topic dictamesh.entity.changed");
		this.out.println(
				"  Logs             " + this.root.relativize(run) + "/*.log, " + this.root.relativize(broker.log()));
		this.out.println();
		this.out.println("Create a product and find it in the search a moment later:");
		this.out.println();
		this.out
			.println("  curl -s -X POST " + products.url() + "/api/products -H 'Content-Type: application/json' \\");
		this.out.println("    -d '{\"sku\":\"DEMO-001\",\"name\":\"Aurora Walnut Desk Lamp\",\"category\":\"Lighting\","
				+ "\"brand\":\"Alder\",\"price\":89.00,\"currency\":\"EUR\",\"stock\":12,\"tags\":[\"demo\"]}'");
		this.out.println("  curl -s '" + indexer.url() + "/search?q=aurora'");
		this.out.println();
	}

	private void watch(KafkaBroker broker, ServiceProcess products, ServiceProcess indexer)
			throws InterruptedException {
		while (true) {
			String stopped = !broker.isAlive() ? "The Kafka broker (see " + broker.log() + ")"
					: !products.isAlive() ? products.name() + " (see " + products.log() + ")"
							: !indexer.isAlive() ? indexer.name() + " (see " + indexer.log() + ")" : null;
			if (stopped != null) {
				// Ctrl-C reaches the whole process group, so a process may end before the
				// shutdown hook has started: give the hook time to say it is no failure.
				TimeUnit.SECONDS.sleep(3);
				if (!this.stopping) {
					System.err.println(stopped + " stopped unexpectedly");
					System.exit(1);
				}
				return;
			}
			TimeUnit.SECONDS.sleep(1);
		}
	}

	private void awaitIndexed(ServiceProcess indexer, int expected) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		long indexed = 0;
		while (indexed < expected) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("The search index holds " + indexed + " of " + expected
						+ " products after " + START_TIMEOUT + ", see " + indexer.log());
			}
			TimeUnit.MILLISECONDS.sleep(250);
			String body = send(HttpRequest.newBuilder(URI.create(indexer.url() + "/search?q=&size=1")).build(), 200);
			Matcher total = TOTAL.matcher(body);
			indexed = total.find() ? Long.parseLong(total.group(1)) : 0;
		}
	}

	private static String send(HttpRequest request, int expectedStatus) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expectedStatus) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
					+ response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private void step(String message) {
		this.out.println("==> " + message);
	}

	private static void stopAll(KafkaBroker broker, ServiceProcess... services) {
		System.out.println("==> Stopping the services and the broker");
		try {
			for (ServiceProcess service : services) {
				service.stop();
			}
			broker.stop();
			System.out.println("==> Stopped");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Path executableJar(String module) throws IOException {
		Path target = this.root.resolve(module).resolve("target");
		if (Files.isDirectory(target)) {
			try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-exec.jar")) {
				for (Path jar : jars) {
					return jar;
				}
			}
		}
		throw new IllegalStateException("No executable jar in " + target + ": build it with ./mvnw package");
	}

	private static int preferred(int port) {
		return KafkaBroker.isFree(port) ? port : 0;
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

}
