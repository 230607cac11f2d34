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

package com.dictamesh.samples.search;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.kafka.EventHandlerContainers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The search indexer on a real in-JVM KRaft broker, its index in a temporary directory,
 * driven as a user would: product events published with the starter's
 * {@link EventPublisher}, searches and the rebuild over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "dictamesh.events.topics.partitions=3", "dictamesh.events.retry.initial-interval=50ms",
				"dictamesh.events.retry.max-interval=200ms", "search.group-id=" + SearchIndexerIntegrationTests.GROUP,
				// Shows in the test output how events arrive in batches.
				"logging.level.com.dictamesh.samples.search=debug" })
@EmbeddedKafka
// Stop the broker with the class, not in a shutdown hook racing the deletion of its
// files.
@DirtiesContext
class SearchIndexerIntegrationTests {

	private static final String TOPIC = "dictamesh.entity.changed";

	static final String GROUP = "search-indexer-test";

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	static Path indexDirectory;

	/**
	 * Ids of the products created and not deleted by the tests so far: what a rebuild
	 * must bring back.
	 */
	private static final Set<String> liveProducts = ConcurrentHashMap.newKeySet();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private EventHandlerContainers containers;

	@Autowired
	private KafkaAdmin kafkaAdmin;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private ProductIndex index;

	@Autowired
	private JsonMapper jsonMapper;

	private Admin admin;

	@DynamicPropertySource
	static void indexPath(DynamicPropertyRegistry registry) {
		registry.add("search.index.path", () -> indexDirectory.toString());
	}

	@BeforeEach
	void createAdmin() {
		this.admin = Admin.create(this.kafkaAdmin.getConfigurationProperties());
	}

	@AfterEach
	void closeAdmin() {
		this.admin.close();
	}

	@Test
	void createdProductIsFoundByAWordOfItsNameAheadOfAWeakerMatch() throws Exception {
		String weak = create("Reading chair", "Pairs well with a quokka lamp", "Chairly", "furniture");
		String strong = create("Quokka desk lamp", "Warm light for late work", "Lumen", "lighting", "desk");

		awaitCaughtUp();
		JsonNode result = search("quokka");
		assertThat(result.path("query").asString()).isEqualTo("quokka");
		assertThat(result.path("total").asInt()).isEqualTo(2);
		assertThat(ids(result)).containsExactly(strong, weak);
		JsonNode best = result.path("hits").get(0);
		assertThat(best.path("score").asDouble()).isGreaterThan(result.path("hits").get(1).path("score").asDouble());
		assertThat(best.path("name").asString()).isEqualTo("Quokka desk lamp");
		assertThat(best.path("brand").asString()).isEqualTo("Lumen");
		assertThat(best.path("category").asString()).isEqualTo("lighting");
		assertThat(best.path("description").asString()).isEqualTo("Warm light for late work");
		assertThat(best.path("sku").asString()).isEqualTo(sku(strong));
		assertThat(best.path("price").decimalValue()).isEqualByComparingTo("49.90");
		assertThat(best.path("currency").asString()).isEqualTo("EUR");
		assertThat(best.path("stock").asInt()).isEqualTo(7);
		assertThat(best.path("tags").values()).extracting(JsonNode::asString).containsExactly("desk");
	}

	@Test
	void updatedNameIsFoundByTheNewWordAndNoLongerByTheOld() throws Exception {
		String id = create("Narwhal mug", "Holds coffee", "Potter", "kitchen");
		awaitCaughtUp();
		assertThat(ids(search("narwhal"))).containsExactly(id);

		this.publisher
			.entityUpdated("product", id, product(id, "Axolotl mug", "Holds coffee", "Potter", "kitchen"),
					List.of("name"), Map.of("name", "Narwhal mug"))
			.get(30, TimeUnit.SECONDS);

		awaitCaughtUp();
		assertThat(ids(search("axolotl"))).containsExactly(id);
		assertThat(ids(search("narwhal"))).isEmpty();
	}

	@Test
	void deletedProductDisappears() throws Exception {
		String id = create("Pangolin poster", "A scaly friend", "Printy", "decor");
		awaitCaughtUp();
		assertThat(ids(search("pangolin"))).containsExactly(id);

		delete(id);

		awaitCaughtUp();
		assertThat(ids(search("pangolin"))).isEmpty();
	}

	@Test
	void sameEventDeliveredTwiceGivesOneHit() throws Exception {
		awaitCaughtUp();
		int before = count();
		String id = UUID.randomUUID().toString();
		Event created = Event.entityCreated("product", id, product(id, "Wombat doorstop", "Heavy", "Burrow", "home"))
			.build();
		this.publisher.publish(created).get(30, TimeUnit.SECONDS);
		this.publisher.publish(created).get(30, TimeUnit.SECONDS);
		liveProducts.add(id);

		awaitCaughtUp();
		assertThat(ids(search("wombat"))).containsExactly(id);
		assertThat(count()).isEqualTo(before + 1);
	}

	@Test
	void productCreatedAndDeletedInOneBatchEndsDeleted() throws Exception {
		// With the consumer stopped, the three events wait on the topic and arrive in one
		// poll when it starts again.
		MessageListenerContainer container = this.containers.getContainers().get(GROUP);
		container.stop();
		String gone;
		String kept;
		try {
			gone = create("Okapi lantern", "Short-lived", "Forest", "lighting");
			delete(gone);
			kept = create("Okapi candle", "Stays", "Forest", "lighting");
		}
		finally {
			container.start();
		}

		awaitCaughtUp();
		assertThat(ids(search("okapi"))).containsExactly(kept);
		assertThat(ids(search("lantern"))).doesNotContain(gone);
	}

	@Test
	void blankQueryListsAllProductsByNameInPages() throws Exception {
		create("Aardvark bookend", "Solid oak", "Termite", "decor");
		create("Aardvark clock", "Ticks", "Termite", "decor");
		create("Aardvark rug", "Soft", "Termite", "decor");
		awaitCaughtUp();
		int total = count();

		JsonNode first = search("", 0, 2);
		JsonNode second = search("", 1, 2);
		assertThat(first.path("total").asInt()).isEqualTo(total).isGreaterThanOrEqualTo(3);
		assertThat(first.path("page").asInt()).isZero();
		assertThat(first.path("size").asInt()).isEqualTo(2);
		assertThat(second.path("page").asInt()).isEqualTo(1);
		List<String> names = new ArrayList<>(names(first));
		names.addAll(names(second));
		assertThat(names).hasSize(4).doesNotHaveDuplicates().isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
		assertThat(first.path("hits").get(0).path("score").isNull()).isTrue();
		JsonNode all = search("", 0, 100);
		assertThat(all.path("hits").size()).isEqualTo(Math.min(total, 100));
	}

	@Test
	void searchPageIsServedForBrowsers() throws Exception {
		HttpResponse<String> response = get("/");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("<input type=\"search\"").contains("fetch(`/search?${params}`");
	}

	@Test
	void unparseableQueryIsABadRequestWithProblemDetails() throws Exception {
		HttpResponse<String> response = get("/search?q=" + encode("name:(lamp"));
		JsonNode problem = problem(response, 400);
		assertThat(problem.path("parameter").asString()).isEqualTo("q");
		assertThat(problem.path("title").asString()).isEqualTo("Invalid search parameter");
		assertThat(problem.path("detail").asString()).isEqualTo(
				"q is not a valid query: Cannot parse 'name:(lamp': Encountered \"<EOF>\" at line 1, column 10.");
		assertThat(problem.path("instance").asString()).isEqualTo("/search");
	}

	@Test
	void pageAndSizeOutOfRangeAreBadRequestsWithProblemDetails() throws Exception {
		assertThat(problem(get("/search?q=lamp&size=0"), 400).path("parameter").asString()).isEqualTo("size");
		assertThat(problem(get("/search?q=lamp&size=101"), 400).path("parameter").asString()).isEqualTo("size");
		assertThat(problem(get("/search?q=lamp&page=-1"), 400).path("parameter").asString()).isEqualTo("page");
		assertThat(problem(get("/search?q=lamp&page=100&size=100"), 400).path("parameter").asString())
			.isEqualTo("page");
		assertThat(problem(get("/search?q=lamp&page=first"), 400).path("detail").asString()).contains("page");
	}

	@Test
	void healthShowsTheIndexUpWithItsDocumentCount() throws Exception {
		create("Tapir teapot", "Pours", "Snout", "kitchen");
		awaitCaughtUp();
		HttpResponse<String> response = get("/actuator/health");
		JsonNode index = this.jsonMapper.readTree(response.body()).path("components").path("productIndex");
		assertThat(index.path("status").asString()).isEqualTo("UP");
		assertThat(index.path("details").path("documents").asInt()).isEqualTo(count()).isPositive();
	}

	@Test
	void rebuildAfterLosingTheIndexBringsBackTheLiveProducts() throws Exception {
		create("Capybara cushion", "Calm", "Rodentia", "home");
		String deleted = create("Capybara vase", "Fragile", "Rodentia", "home");
		delete(deleted);
		awaitCaughtUp();
		List<String> before = ids(search("", 0, 100));
		assertThat(before).containsExactlyInAnyOrderElementsOf(liveProducts);

		this.index.deleteAll();
		assertThat(count()).isZero();

		HttpResponse<String> response = post("/index/rebuild");
		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode report = this.jsonMapper.readTree(response.body());
		assertThat(report.path("group").asString()).isEqualTo(GROUP);
		assertThat(report.path("topics").values()).extracting(JsonNode::asString).containsExactly(TOPIC);
		assertThat(report.path("documentsRemoved").asInt()).isZero();
		assertThat(report.path("partitionsReset").values()).hasSize(3)
			.allSatisfy((reset) -> assertThat(reset.path("offset").asLong()).isZero());

		awaitCaughtUp();
		assertThat(count()).isEqualTo(liveProducts.size());
		assertThat(ids(search("", 0, 100))).containsExactlyElementsOf(before);
		assertThat(ids(search("capybara"))).doesNotContain(deleted).hasSize(1);
	}

	@Test
	void rebuildIsRefusedWhileAnotherInstanceConsumesInTheGroup() throws Exception {
		create("Quetzal kite", "Flies", "Feather", "toys");
		awaitCaughtUp();
		int before = count();
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> otherInstance = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			otherInstance.subscribe(List.of(TOPIC));
			await().atMost(WAIT).pollInSameThread().until(() -> {
				otherInstance.poll(Duration.ofMillis(100));
				return !otherInstance.assignment().isEmpty();
			});

			HttpResponse<String> response = post("/index/rebuild");
			JsonNode problem = problem(response, 409);
			assertThat(problem.path("title").asString()).isEqualTo("Index rebuild refused");
			assertThat(problem.path("detail").asString()).contains("'" + GROUP + "'").contains("active");
			assertThat(count()).isEqualTo(before);
		}
		// The indexer goes on consuming once the other instance is gone.
		String id = create("Quetzal feather pen", "Writes", "Feather", "office");
		awaitCaughtUp();
		assertThat(ids(search("pen"))).contains(id);
	}

	private String create(String name, String description, String brand, String category, String... tags)
			throws Exception {
		String id = UUID.randomUUID().toString();
		this.publisher.entityCreated("product", id, product(id, name, description, brand, category, tags))
			.get(30, TimeUnit.SECONDS);
		liveProducts.add(id);
		return id;
	}

	private void delete(String id) throws Exception {
		this.publisher.entityDeleted("product", id).get(30, TimeUnit.SECONDS);
		liveProducts.remove(id);
	}

	private static Map<String, Object> product(String id, String name, String description, String brand,
			String category, String... tags) {
		// The shape the products adapter publishes.
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("id", id);
		product.put("sku", sku(id));
		product.put("name", name);
		product.put("description", description);
		product.put("category", category);
		product.put("brand", brand);
		product.put("price", new BigDecimal("49.90"));
		product.put("currency", "EUR");
		product.put("stock", 7);
		product.put("tags", List.of(tags));
		return product;
	}

	private static String sku(String id) {
		return "SKU-" + id.substring(0, 8).toUpperCase();
	}

	/**
	 * Wait until the indexer's group has committed every record published so far: the
	 * handler commits the index before the offsets, so its effects are then searchable.
	 */
	private void awaitCaughtUp() {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
			for (int partition = 0; partition < 3; partition++) {
				partitions.put(new TopicPartition(TOPIC, partition), OffsetSpec.latest());
			}
			Map<TopicPartition, ListOffsetsResultInfo> ends = this.admin.listOffsets(partitions)
				.all()
				.get(10, TimeUnit.SECONDS);
			ends.forEach((partition, end) -> {
				OffsetAndMetadata offset = committed.get(partition);
				assertThat((offset != null) ? offset.offset() : 0).as("committed offset of %s", partition)
					.isEqualTo(end.offset());
			});
		});
	}

	private JsonNode search(String query) throws Exception {
		return search(query, 0, 100);
	}

	private JsonNode search(String query, int page, int size) throws Exception {
		HttpResponse<String> response = get("/search?q=" + encode(query) + "&page=" + page + "&size=" + size);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		return this.jsonMapper.readTree(response.body());
	}

	private int count() throws Exception {
		HttpResponse<String> response = get("/search/count");
		assertThat(response.statusCode()).isEqualTo(200);
		return this.jsonMapper.readTree(response.body()).path("documents").asInt();
	}

	private JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.jsonMapper.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		return problem;
	}

	private static List<String> ids(JsonNode result) {
		return result.path("hits").values().stream().map((hit) -> hit.path("id").asString()).toList();
	}

	private static List<String> names(JsonNode result) {
		return result.path("hits").values().stream().map((hit) -> hit.path("name").asString()).toList();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
