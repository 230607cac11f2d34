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

package com.dictamesh.events.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.kafka.EventHeaders;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code dictamesh} endpoint over HTTP, in a running application on a real in-JVM
 * KRaft broker.
 */
@SpringBootTest(classes = DictameshEndpointIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.application.name=endpoint-tests",
				// tag::properties[]
				"management.endpoints.web.exposure.include=dictamesh,health",
				"dictamesh.events.endpoint.write-operations-enabled=true",
				"dictamesh.events.dead-letter.max-redrives=2",
				// end::properties[]
				"dictamesh.events.topics.partitions=3", "dictamesh.events.retry.initial-interval=20ms",
				"dictamesh.events.topics.routes[repairable.*]=repairable-test",
				"dictamesh.events.topics.routes[hopeless.*]=hopeless-test",
				"dictamesh.events.topics.routes[replay.*]=replay-test",
				"dictamesh.events.topics.routes[guarded.*]=guarded-test",
				"management.endpoint.health.show-details=always", "dictamesh.events.health.refresh-interval=200ms" })
@EmbeddedKafka
@DirtiesContext
@AutoConfigureTracing
class DictameshEndpointIntegrationTests {

	private static final String DEAD_LETTER_TOPIC = "dictamesh.dead-letter";

	private static final String PARKING_TOPIC = "dictamesh.parking-lot";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private Handlers handlers;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private Tracer tracer;

	@Test
	void summaryDescribesHandlersGroupsAndDeadLetterTopics() throws Exception {
		JsonNode summary = get("/actuator/dictamesh").body();

		JsonNode handler = find(summary.get("handlers"), "id", "repairable-handler");
		assertThat(handler.get("group").asString()).isEqualTo("repairable");
		assertThat(texts(handler.get("eventTypes"))).containsExactly("repairable.changed");
		assertThat(texts(handler.get("topics"))).containsExactly("repairable-test");
		assertThat(handler.get("batch").asBoolean()).isFalse();
		assertThat(handler.get("idempotent").asBoolean()).isTrue();
		assertThat(texts(summary.get("topics"))).contains("repairable-test", "hopeless-test", "replay-test");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> find(get("/actuator/dictamesh").body().get("groups"), "group", "replay").get("state")
				.asString()
				.equals("running"));
		JsonNode deadLetters = find(summary.get("deadLetters"), "topic", DEAD_LETTER_TOPIC);
		assertThat(deadLetters.get("exists").asBoolean()).isTrue();
		assertThat(deadLetters.get("records").asLong()).isNotNegative();
		assertThat(summary.get("parking").get("topic").asString()).isEqualTo(PARKING_TOPIC);
		assertThat(summary.get("parking").get("exists").asBoolean()).isTrue();
		// The lag and the outbox backlog the health indicators measure in the background.
		JsonNode measured = await().atMost(Duration.ofSeconds(30))
			.until(() -> get("/actuator/dictamesh").body(),
					(body) -> body.get("lag").get("available").asBoolean()
							&& body.get("outbox").get("available").asBoolean()
							&& !find(body.get("groups"), "group", "replay").get("lag").isNull());
		assertThat(measured.get("lag").get("partitions").values()).isNotEmpty()
			.anySatisfy((partition) -> assertThat(partition.get("group").asString()).isEqualTo("replay"));
		assertThat(find(measured.get("groups"), "group", "replay").get("lag").asLong()).isNotNegative();
		assertThat(measured.get("outbox").get("pending").asLong()).isNotNegative();
		assertThat(get("/actuator/dictamesh/nothing-here").status()).isEqualTo(404);
	}

	@Test
	void deadLetterIsBrowsedDecodedAndOnceTheHandlerIsFixedRedrivenAndHandledInItsTrace() throws Exception {
		String entityId = UUID.randomUUID().toString();
		this.handlers.repairableBroken = true;
		Span span = this.tracer.nextSpan().name("change item").start();
		PublishResult published;
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			published = this.publisher
				.publish(Event.builder("repairable.changed").entity("item", entityId).data(Map.of("n", 1)).build())
				.get(30, TimeUnit.SECONDS);
		}
		finally {
			span.end();
		}
		String eventId = published.event().eventId();

		JsonNode deadLetter = awaitDeadLetter(eventId, 0);
		assertThat(deadLetter.get("topic").asString()).isEqualTo(DEAD_LETTER_TOPIC);
		assertThat(deadLetter.get("originalTopic").asString()).isEqualTo("repairable-test");
		assertThat(deadLetter.get("originalPartition").asInt()).isEqualTo(published.partition());
		assertThat(deadLetter.get("originalOffset").asLong()).isEqualTo(published.offset());
		assertThat(deadLetter.get("group").asString()).isEqualTo("repairable");
		assertThat(deadLetter.get("handlerId").asString()).isEqualTo("repairable-handler");
		assertThat(deadLetter.get("attempts").asInt()).isEqualTo(1);
		assertThat(deadLetter.get("exceptionClass").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(deadLetter.get("exceptionMessage").asString()).contains("index unavailable for " + entityId);
		assertThat(deadLetter.get("key").asString()).isEqualTo("item:" + entityId);
		assertThat(deadLetter.get("event").get("event_id").asString()).isEqualTo(eventId);
		assertThat(deadLetter.get("event").get("event_type").asString()).isEqualTo("repairable.changed");
		assertThat(deadLetter.get("event").get("entity_id").asString()).isEqualTo(entityId);
		assertThat(deadLetter.get("event").get("data").get("n").asInt()).isEqualTo(1);
		assertThat(deadLetter.get("traceparent").asString().split("-")[1]).isEqualTo(span.context().traceId());

		// The same record by its coordinates in the dead-letter topic.
		// tag::browse-range[]
		JsonNode byRange = get("/actuator/dictamesh/dead-letters?topic=" + DEAD_LETTER_TOPIC + "&partition="
				+ deadLetter.get("partition").asInt() + "&fromOffset=" + deadLetter.get("offset").asLong()
				+ "&toOffset=" + deadLetter.get("offset").asLong())
			.body();
		// end::browse-range[]
		assertThat(byRange.get("deadLetters")).hasSize(1);
		assertThat(byRange.get("deadLetters").get(0).get("eventId").asString()).isEqualTo(eventId);

		this.handlers.repairableBroken = false;
		String countedSince = deadLettersSince();
		// tag::redrive[]
		Response redrive = post("/actuator/dictamesh/redrive", Map.of("eventIds", eventId));
		// end::redrive[]
		assertThat(redrive.status()).as(redrive.body().toString()).isEqualTo(200);
		assertThat(redrive.body().get("redriven")).hasSize(1);
		assertThat(redrive.body().get("redriven").get(0).get("topic").asString()).isEqualTo("repairable-test");
		assertThat(redrive.body().get("redriven").get(0).get("redriveCount").asInt()).isEqualTo(1);
		assertThat(redrive.body().get("parked")).isEmpty();
		// The dead letters indicator counts from the redrive on.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Instant.parse(deadLettersSince()).isAfter(Instant.parse(countedSince)));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.repaired.containsKey(eventId));
		Headers headers = this.handlers.repaired.get(eventId).headers();
		assertThat(EventHeaders.lastValue(headers, EventHeaders.REDRIVE_COUNT)).isEqualTo("1");
		assertThat(headers.lastHeader("kafka_dlt-original-topic")).isNull();
		assertThat(headers.lastHeader(EventHeaders.DLT_ATTEMPTS)).isNull();
		String traceparent = EventHeaders.lastValue(headers, "traceparent");
		assertThat(traceparent).isNotNull();
		assertThat(traceparent.split("-")[1]).isEqualTo(span.context().traceId());
		assertThat(this.handlers.repaired.get(eventId).attempt()).isEqualTo(1);
	}

	@Test
	void redriveByOffsetRangeSendsOnlyTheDeadLettersInTheRange() throws Exception {
		String entityId = UUID.randomUUID().toString();
		this.handlers.repairableBroken = true;
		List<String> eventIds = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			// One entity: one key, so the dead letters follow each other in one
			// partition.
			eventIds.add(this.publisher
				.publish(Event.builder("repairable.changed").entity("item", entityId).data(Map.of("n", i)).build())
				.get(30, TimeUnit.SECONDS)
				.event()
				.eventId());
		}
		List<JsonNode> deadLetters = new ArrayList<>();
		for (String eventId : eventIds) {
			deadLetters.add(awaitDeadLetter(eventId, 0));
		}
		int partition = deadLetters.get(0).get("partition").asInt();
		assertThat(deadLetters).allMatch((letter) -> letter.get("partition").asInt() == partition);
		this.handlers.repairableBroken = false;

		Response redrive = post("/actuator/dictamesh/redrive",
				Map.of("topic", DEAD_LETTER_TOPIC, "partition", String.valueOf(partition), "fromOffset",
						String.valueOf(deadLetters.get(1).get("offset").asLong()), "toOffset",
						String.valueOf(deadLetters.get(2).get("offset").asLong())));
		assertThat(redrive.status()).as(redrive.body().toString()).isEqualTo(200);
		assertThat(StreamSupport.stream(redrive.body().get("redriven").spliterator(), false)
			.map((sent) -> sent.get("eventId").asString())).containsExactlyInAnyOrder(eventIds.get(1), eventIds.get(2));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.handlers.repaired.keySet().containsAll(eventIds.subList(1, 3)));
		// The first one stays a dead letter: its redrive was not asked for.
		assertThat(this.handlers.repaired).doesNotContainKey(eventIds.get(0));
	}

	@Test
	void recordRedrivenPastMaxRedrivesGoesToTheParkingTopicInsteadOfCycling() throws Exception {
		String entityId = UUID.randomUUID().toString();
		String eventId = this.publisher
			.publish(Event.builder("hopeless.changed").entity("item", entityId).data(Map.of("n", 2)).build())
			.get(30, TimeUnit.SECONDS)
			.event()
			.eventId();
		awaitDeadLetter(eventId, 0);

		for (int redrive = 1; redrive <= 2; redrive++) {
			Response response = post("/actuator/dictamesh/redrive", Map.of("eventIds", eventId));
			assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
			assertThat(response.body().get("redriven")).as("redrive %d", redrive).hasSize(1);
			assertThat(response.body().get("redriven").get(0).get("redriveCount").asInt()).isEqualTo(redrive);
			// Failing again, the record is dead-lettered again and keeps its count.
			JsonNode again = awaitDeadLetter(eventId, redrive);
			assertThat(again.get("originalTopic").asString()).isEqualTo("hopeless-test");
			// Older dead letters of the event are not redriven a second time.
			assertThat(response.body().get("skipped")).hasSize(redrive - 1);
		}
		Response third = post("/actuator/dictamesh/redrive", Map.of("eventIds", eventId));
		assertThat(third.body().get("redriven")).isEmpty();
		assertThat(third.body().get("parked")).hasSize(1);
		assertThat(third.body().get("parked").get(0).get("topic").asString()).isEqualTo(PARKING_TOPIC);

		ConsumerRecord<byte[], byte[]> parked = readParked(eventId);
		assertThat(EventHeaders.lastValue(parked.headers(), EventHeaders.REDRIVE_COUNT)).isEqualTo("2");
		assertThat(EventHeaders.lastValue(parked.headers(), "kafka_dlt-original-topic")).isEqualTo("hopeless-test");
		assertThat(new String(parked.key(), StandardCharsets.UTF_8)).isEqualTo("item:" + entityId);
		assertThat(this.handlers.hopelessAttempts.stream().filter(eventId::equals)).hasSize(3);
	}

	@Test
	void replayFromATimestampRedeliversExactlyTheEventsPublishedAfterIt() throws Exception {
		List<String> before = publishReplaySteps(4);
		Instant boundary = Instant.ofEpochMilli(System.currentTimeMillis() + 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(boundary));
		List<String> after = publishReplaySteps(4);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.handlers.replayed.containsAll(before) && this.handlers.replayed.containsAll(after));
		assertThat(this.handlers.replayed).hasSize(8);
		this.handlers.replayed.clear();

		// tag::replay[]
		Response replay = post("/actuator/dictamesh/replay",
				Map.of("group", "replay", "topic", "replay-test", "timestamp", boundary.toString()));
		// end::replay[]
		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.body().get("group").asString()).isEqualTo("replay");
		assertThat(replay.body().get("offsets")).hasSize(3);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.replayed.containsAll(after));
		// One more event behind the replayed ones: once it is handled, nothing older can
		// still come.
		List<String> last = publishReplaySteps(1);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.replayed.containsAll(last));
		List<String> expected = new ArrayList<>(after);
		expected.addAll(last);
		assertThat(this.handlers.replayed).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(find(get("/actuator/dictamesh").body().get("groups"), "group", "replay").get("state").asString())
			.isEqualTo("running");
	}

	@Test
	void replayIsRefusedWithTheReasonWhileAConsumerOutsideTheApplicationIsInTheGroup() throws Exception {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "guarded");
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "outside-consumer");
		try (KafkaConsumer<byte[], byte[]> outside = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			outside.subscribe(List.of("guarded-test"));
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				outside.poll(Duration.ofMillis(100));
				return !outside.assignment().isEmpty();
			});

			Response replay = post("/actuator/dictamesh/replay",
					Map.of("group", "guarded", "topic", "guarded-test", "timestamp", "2026-01-01T00:00:00Z"));
			assertThat(replay.status()).isEqualTo(409);
			assertThat(replay.body().get("refused").asString()).contains("'guarded' is active elsewhere")
				.contains("outside-consumer");
		}
		assertThat(find(get("/actuator/dictamesh").body().get("groups"), "group", "guarded").get("state").asString())
			.isEqualTo("running");
		Response unknown = post("/actuator/dictamesh/replay",
				Map.of("group", "guarded", "topic", "replay-test", "timestamp", "2026-01-01T00:00:00Z"));
		assertThat(unknown.status()).isEqualTo(409);
		assertThat(unknown.body().get("refused").asString()).contains("does not consume topic 'replay-test'");
	}

	private List<String> publishReplaySteps(int count) throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(this.publisher
				.publish(Event.builder("replay.step").entity("step", UUID.randomUUID().toString()).build())
				.get(30, TimeUnit.SECONDS)
				.event()
				.eventId());
		}
		return ids;
	}

	private JsonNode awaitDeadLetter(String eventId, int redriveCount) {
		List<JsonNode> found = new CopyOnWriteArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			// tag::browse-newest[]
			JsonNode page = get("/actuator/dictamesh/dead-letters?limit=100").body();
			// end::browse-newest[]
			StreamSupport.stream(page.get("deadLetters").spliterator(), false)
				.filter((letter) -> eventId.equals(letter.get("eventId").asString())
						&& letter.get("redriveCount").asInt() == redriveCount)
				.findFirst()
				.ifPresent(found::add);
			return !found.isEmpty();
		});
		return found.get(0);
	}

	private ConsumerRecord<byte[], byte[]> readParked(String eventId) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "parking-reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<byte[], byte[]>> parked = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(PARKING_TOPIC));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (eventId.equals(EventHeaders.lastValue(record.headers(), EventHeaders.CE_ID))) {
						parked.add(record);
					}
				});
				return !parked.isEmpty();
			});
		}
		assertThat(parked).hasSize(1);
		return parked.get(0);
	}

	private String deadLettersSince() throws IOException, InterruptedException {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> get("/actuator/health").body()
				.path("components")
				.path("dictameshDeadLetters")
				.path("details")
				.path("since")
				.asString(), (since) -> since != null && !since.isEmpty());
	}

	private Response get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	private Response post(String path, Object body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private Response send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		JsonNode body = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
		return new Response(response.statusCode(), body);
	}

	private static JsonNode find(JsonNode array, String field, String value) {
		return StreamSupport.stream(array.spliterator(), false)
			.filter((node) -> value.equals(node.get(field).asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + field + "=" + value + " in " + array));
	}

	private static List<String> texts(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
	}

	record Response(int status, JsonNode body) {
	}

	static class Handlers {

		volatile boolean repairableBroken;

		final Map<String, EventContext> repaired = new java.util.concurrent.ConcurrentHashMap<>();

		final List<String> hopelessAttempts = new CopyOnWriteArrayList<>();

		final List<String> replayed = new CopyOnWriteArrayList<>();

		@DictameshEventHandler(id = "repairable-handler", types = "repairable.changed", groupId = "repairable",
				maxAttempts = 1)
		void onRepairable(Event event, EventContext context) {
			if (this.repairableBroken) {
				throw new IllegalStateException("index unavailable for " + event.entityId());
			}
			this.repaired.put(event.eventId(), context);
		}

		@DictameshEventHandler(id = "hopeless-handler", types = "hopeless.changed", groupId = "hopeless",
				maxAttempts = 1)
		void onHopeless(Event event) {
			this.hopelessAttempts.add(event.eventId());
			throw new IllegalStateException("never works");
		}

		// tag::replay-handler[]
		// A replay is meant to handle events again: skipping processed ones would defeat
		// it.
		@DictameshEventHandler(id = "replay-handler", types = "replay.step", groupId = "replay", idempotent = false)
		void onReplayStep(Event event) {
			this.replayed.add(event.eventId());
		}
		// end::replay-handler[]

		@DictameshEventHandler(id = "guarded-handler", types = "guarded.step", groupId = "guarded")
		void onGuarded(Event event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

}
