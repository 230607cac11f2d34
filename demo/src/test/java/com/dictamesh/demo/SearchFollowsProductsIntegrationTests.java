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
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both sample services, each from its executable jar in a JVM of its own, and a
 * standalone Kafka broker: what a client does to products shows in the search, across
 * restarts and outages of the indexer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchFollowsProductsIntegrationTests {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration SEARCH_FOLLOWS = Duration.ofSeconds(2);

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path directory;

	private KafkaBroker broker;

	private ServiceProcess products;

	private ServiceProcess indexer;

	@BeforeAll
	void start() throws Exception {
		this.broker = new KafkaBroker(directory.resolve("kafka"), 0);
		this.broker.start(START_TIMEOUT);
		this.products = new ServiceProcess("products-adapter", jar("demo.products-jar"), 0, directory,
				List.of("--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers()));
		this.indexer = new ServiceProcess("search-indexer", jar("demo.indexer-jar"), 0, directory,
				List.of("--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(),
						"--search.index.path=" + directory.resolve("search-index")));
		this.products.launch();
		this.indexer.launch();
		this.products.awaitHealthy(START_TIMEOUT);
		this.indexer.awaitHealthy(START_TIMEOUT);
	}

	@AfterAll
	void stop() throws Exception {
		if (this.indexer != null) {
			this.indexer.stop();
		}
		if (this.products != null) {
			this.products.stop();
		}
		if (this.broker != null) {
			this.broker.stop();
		}
	}

	@Test
	@Order(1)
	void searchFollowsCreateUpdateAndDeleteWithinTwoSeconds() throws Exception {
		String id = createProduct("E2E-001", "Zephyr Oak Desk Lamp");
		await().atMost(SEARCH_FOLLOWS).until(() -> searchIds("zephyr"), (ids) -> ids.equals(List.of(id)));

		update(id, "E2E-001", "Mistral Oak Desk Lamp");
		await().atMost(SEARCH_FOLLOWS).until(() -> searchIds("mistral"), (ids) -> ids.equals(List.of(id)));
		assertThat(searchIds("zephyr")).isEmpty();

		delete(id);
		await().atMost(SEARCH_FOLLOWS).until(() -> searchIds("mistral"), List::isEmpty);
	}

	@Test
	@Order(2)
	void restartedIndexerHasNoDuplicatesAndMissesNothing() throws Exception {
		List<String> before = List.of(createProduct("E2E-101", "Sirocco Linen Sofa"),
				createProduct("E2E-102", "Sirocco Walnut Sofa"));
		await().atMost(SEARCH_FOLLOWS).until(() -> searchIds("sirocco").size() == 2);

		this.indexer.stop();
		this.indexer.start(START_TIMEOUT);
		String after = createProduct("E2E-103", "Sirocco Wool Sofa");

		await().atMost(SEARCH_FOLLOWS.multipliedBy(5))
			.until(() -> searchIds("sirocco"), (ids) -> ids.size() == 3 && ids.contains(after));
		assertThat(searchIds("sirocco")).containsAll(before);
		assertThat(indexedIds()).isEqualTo(productIds());
	}

	@Test
	@Order(3)
	void indexerKilledWhileAThousandProductsAreWrittenCatchesUpToExactlyThoseThatExist() throws Exception {
		AtomicInteger written = new AtomicInteger();
		CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 1000; i++) {
				String id = createProduct(String.format(Locale.ROOT, "BULK-%04d", i), "Mistral Bamboo Shelf " + i);
				if (i % 10 == 0) {
					delete(id);
				}
				written.incrementAndGet();
			}
		});
		await().atMost(Duration.ofMinutes(1)).until(() -> written.get() >= 200);
		this.indexer.kill();
		writes.get();
		assertThat(this.indexer.isAlive()).isFalse();

		this.indexer.start(START_TIMEOUT);

		Set<String> existing = productIds();
		assertThat(existing).hasSizeGreaterThanOrEqualTo(900);
		await().atMost(Duration.ofMinutes(1)).until(this::indexedIds, existing::equals);
	}

	private String createProduct(String sku, String name) {
		String body = send(HttpRequest.newBuilder(uri(this.products, "/api/products"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(productJson(sku, name)))
			.build(), 201);
		return JsonPath.read(body, "$.id");
	}

	private void update(String id, String sku, String name) {
		send(HttpRequest.newBuilder(uri(this.products, "/api/products/" + id))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(productJson(sku, name)))
			.build(), 200);
	}

	private void delete(String id) {
		send(HttpRequest.newBuilder(uri(this.products, "/api/products/" + id)).DELETE().build(), 204);
	}

	private List<String> searchIds(String query) {
		String body = send(HttpRequest.newBuilder(uri(this.indexer, "/search?size=100&q=" + query)).build(), 200);
		return JsonPath.read(body, "$.hits[*].id");
	}

	private Set<String> indexedIds() {
		return allIds(this.indexer, "/search?q=&size=100&page=", "$.hits[*].id", "$.total");
	}

	private Set<String> productIds() {
		return allIds(this.products, "/api/products?size=500&page=", "$.content[*].id", "$.totalElements");
	}

	private Set<String> allIds(ServiceProcess service, String path, String ids, String total) {
		Set<String> all = new HashSet<>();
		for (int page = 0;; page++) {
			DocumentContext json = JsonPath.parse(send(HttpRequest.newBuilder(uri(service, path + page)).build(), 200));
			List<String> found = json.read(ids);
			all.addAll(found);
			if (found.isEmpty() || all.size() >= ((Number) json.read(total)).longValue()) {
				return all;
			}
		}
	}

	private String send(HttpRequest request, int expectedStatus) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
				.isEqualTo(expectedStatus);
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static URI uri(ServiceProcess service, String path) {
		return URI.create(service.url() + path);
	}

	private static String productJson(String sku, String name) {
		return String.format(Locale.ROOT,
				"{\"sku\":\"%s\",\"name\":\"%s\",\"category\":\"Furniture\",\"brand\":\"Alder\","
						+ "\"price\":99.50,\"currency\":\"EUR\",\"stock\":3,\"tags\":[\"e2e\"]}",
				sku, name);
	}

	private static Path jar(String property) {
		String path = System.getProperty(property);
		assertThat(path).as("system property %s (set by the build)", property).isNotNull();
		return Path.of(path);
	}

}
