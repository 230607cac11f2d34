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

package com.dictamesh.samples.products;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The products adapter over HTTP, with a real broker and the default in-memory H2: every
 * change a client makes shows up as an entity event on the topic, and bad input changes
 * nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "dictamesh.events.topics.partitions=3")
@EmbeddedKafka
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductsAdapterIntegrationTests {

	private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	private RestClient http;

	private EntityTopicReader topic;

	@BeforeAll
	void connect() {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		this.topic = new EntityTopicReader(this.broker.getBrokersAsString());
	}

	@AfterAll
	void disconnect() {
		this.topic.close();
	}

	@Test
	void createAnswersTheProductAndPublishesEntityCreated() {
		ResponseEntity<JsonNode> created = post("/api/products", product("LAMP-001", "Brass Desk Lamp", "49.90"));

		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String id = created.getBody().path("id").asString();
		assertThat(created.getHeaders().getLocation()).hasToString("/api/products/" + id);
		assertThat(get("/api/products/" + id).getBody().path("name").asString()).isEqualTo("Brass Desk Lamp");
		JsonNode event = awaitEvents(id, 1).get(0);
		assertThat(event.path("event_type").asString()).isEqualTo("entity.created");
		assertThat(event.path("entity_type").asString()).isEqualTo("product");
		assertThat(event.path("source").asString()).isEqualTo("products-adapter");
		assertThat(event.path("domain").asString()).isEqualTo("ecommerce");
		assertThat(event.path("data").path("sku").asString()).isEqualTo("LAMP-001");
		assertThat(event.path("data").path("price").decimalValue()).isEqualByComparingTo("49.90");
		assertThat(event.path("data").path("tags").values()).extracting(JsonNode::asString)
			.containsExactly("lighting", "brass");
		assertThat(this.topic.keysOf(id)).containsExactly("product:" + id);
	}

	@Test
	void updatePublishesTheChangedFieldsAndThePreviousState() {
		String id = create(product("CHAIR-001", "Oak Chair", "120.00"));

		Map<String, Object> changed = product("CHAIR-001", "Walnut Chair", "135.00");
		ResponseEntity<JsonNode> updated = put("/api/products/" + id, changed);

		assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(updated.getBody().path("name").asString()).isEqualTo("Walnut Chair");
		JsonNode event = awaitEvents(id, 2).get(1);
		assertThat(event.path("event_type").asString()).isEqualTo("entity.updated");
		assertThat(event.path("changed_fields").values()).extracting(JsonNode::asString)
			.containsExactly("name", "price");
		assertThat(event.path("previous_data").path("name").asString()).isEqualTo("Oak Chair");
		assertThat(event.path("data").path("name").asString()).isEqualTo("Walnut Chair");
	}

	@Test
	void updateWithoutChangesPublishesNothingAndDeleteFollowsInOrder() {
		Map<String, Object> request = product("KETTLE-001", "Steel Kettle", "39.00");
		String id = create(request);

		assertThat(put("/api/products/" + id, request).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.http.delete().uri("/api/products/" + id).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		// One key, one partition: the delete comes right after the create, with no update
		// between them.
		List<JsonNode> events = awaitEvents(id, 2);
		assertThat(events).extracting((event) -> event.path("event_type").asString())
			.containsExactly("entity.created", "entity.deleted");
		assertThat(events.get(1).path("previous_data").path("sku").asString()).isEqualTo("KETTLE-001");
		ResponseEntity<JsonNode> gone = get("/api/products/" + id);
		assertThat(gone.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(gone.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void invalidProductAnswersProblemDetailsNamingEachFieldAndCreatesNothing() {
		long before = total();
		Map<String, Object> invalid = product("bad sku", "", "-1");
		invalid.put("currency", "euro");

		ResponseEntity<JsonNode> response = post("/api/products", invalid);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().path("status").asInt()).isEqualTo(400);
		assertThat(response.getBody().path("errors").values()).extracting((error) -> error.path("field").asString())
			.containsExactlyInAnyOrder("sku", "name", "price", "currency");
		assertThat(total()).isEqualTo(before);
	}

	@Test
	void bulkThatFailsHalfWayRollsBackEveryProductAndEveryEvent() {
		long before = total();
		List<Map<String, Object>> bulk = List.of(product("PAN-001", "Cast Iron Pan", "59.00"),
				product("PAN-002", "Steel Pan", "45.00"), product("PAN-001", "Copper Pan", "89.00"));

		ResponseEntity<JsonNode> response = this.http.post()
			.uri("/api/products/bulk")
			.contentType(MediaType.APPLICATION_JSON)
			.body(bulk)
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(response.getBody().path("detail").asString()).contains("PAN-001");
		assertThat(total()).isEqualTo(before);
		// The first two products were written, with their outbox rows, before the third
		// failed: none of their events may ever appear.
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.topic.events((event) -> event.path("data").path("sku").asString().startsWith("PAN-"))
				.isEmpty());
	}

	@Test
	void catalogueLoadCreatesEveryProductWithOneEventEach() {
		long before = total();

		ResponseEntity<JsonNode> response = this.http.post()
			.uri("/api/products/catalogue?size=1200&seed=7")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(response.getBody().path("created").asInt()).isEqualTo(1200);
		assertThat(total()).isEqualTo(before + 1200);
		await().atMost(EVENT_TIMEOUT)
			.until(() -> this.topic.events((event) -> event.path("data").path("sku").asString().endsWith("-7"))
				.stream()
				.map((event) -> event.path("entity_id").asString())
				.distinct()
				.count(), (count) -> count == 1200);
		JsonNode page = get("/api/products?category=Lighting&size=5").getBody();
		assertThat(page.path("content").values()).hasSize(5)
			.allSatisfy((product) -> assertThat(product.path("category").asString()).isEqualTo("Lighting"));
	}

	private String create(Map<String, Object> product) {
		ResponseEntity<JsonNode> created = post("/api/products", product);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return created.getBody().path("id").asString();
	}

	private List<JsonNode> awaitEvents(String id, int count) {
		UUID.fromString(id);
		return await().atMost(EVENT_TIMEOUT).until(() -> this.topic.eventsOf(id), (events) -> events.size() >= count);
	}

	private long total() {
		return get("/api/products?size=1").getBody().path("totalElements").asLong();
	}

	private ResponseEntity<JsonNode> get(String path) {
		return this.http.get().uri(path).retrieve().toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> post(String path, Object body) {
		return this.http.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private ResponseEntity<JsonNode> put(String path, Object body) {
		return this.http.put()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	private static Map<String, Object> product(String sku, String name, String price) {
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("sku", sku);
		product.put("name", name);
		product.put("description", "Made for the test");
		product.put("category", "Lighting");
		product.put("brand", "Alder");
		product.put("price", new BigDecimal(price));
		product.put("currency", "EUR");
		product.put("stock", 10);
		product.put("tags", List.of("lighting", "brass"));
		return product;
	}

}
