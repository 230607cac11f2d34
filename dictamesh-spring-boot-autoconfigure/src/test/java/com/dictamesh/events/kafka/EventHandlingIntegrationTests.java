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

package com.dictamesh.events.kafka;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.testsupport.DeadLetterReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publishing and handling on a real in-JVM KRaft broker.
 */
@SpringBootTest(classes = EventHandlingIntegrationTests.TestApplication.class,
		properties = { "spring.application.name=catalog-indexer", "dictamesh.events.topics.partitions=3",
				"dictamesh.events.retry.initial-interval=50ms", "dictamesh.events.retry.max-interval=200ms",
				"dictamesh.events.topics.routes[ordering.*]=ordering-test" })
@EmbeddedKafka
// Stop the broker with the class, not in a shutdown hook racing the deletion of its
// files.
@DirtiesContext
@AutoConfigureTracing
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventHandlingIntegrationTests {

	private static final String ENTITY_TOPIC = "dictamesh.entity.changed";

	private static final String DEAD_LETTER_TOPIC = "dictamesh.dead-letter";

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private EventHandlerContainers containers;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private Handlers handlers;

	@Autowired
	private Tracer tracer;

	private DeadLetterReader deadLetters;

	@BeforeAll
	void consumeDeadLetters() {
		this.deadLetters = new DeadLetterReader(this.broker.getBrokersAsString(), "dead-letter-reader",
				DEAD_LETTER_TOPIC);
	}

	@AfterAll
	void closeDeadLetters() {
		this.deadLetters.close();
	}

	@Test
	void publishedEventIsHandledWithItsPayloadBoundToARecord() throws Exception {
		String id = UUID.randomUUID().toString();
		// tag::publish[]
		PublishResult result = this.publisher.entityCreated("product", id, new Product("Desk lamp", 4990))
			.get(30, TimeUnit.SECONDS);
		// end::publish[]
		assertThat(result.topic()).isEqualTo(ENTITY_TOPIC);
		assertThat(result.key()).isEqualTo("product:" + id);
		assertThat(result.offset()).isNotNegative();
		assertThat(result.event().source()).isEqualTo("catalog-indexer");

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.created.containsKey(id));
		Received received = this.handlers.created.get(id);
		assertThat(received.product()).isEqualTo(new Product("Desk lamp", 4990));
		assertThat(received.event().eventId()).isEqualTo(result.event().eventId());
		assertThat(received.event().entityType()).isEqualTo("product");
		assertThat(received.context().key()).isEqualTo("product:" + id);
		assertThat(received.context().partition()).isEqualTo(result.partition());
		assertThat(received.context().offset()).isEqualTo(result.offset());
		assertThat(received.context().attempt()).isEqualTo(1);
		Headers headers = received.context().headers();
		assertThat(header(headers, EventHeaders.EVENT_TYPE)).isEqualTo("entity.created");
		assertThat(header(headers, EventHeaders.EVENT_VERSION)).isEqualTo("1.0.0");
		assertThat(header(headers, EventHeaders.CE_SPECVERSION)).isEqualTo("1.0");
		assertThat(header(headers, EventHeaders.CE_ID)).isEqualTo(result.event().eventId());
		assertThat(header(headers, EventHeaders.CE_TYPE)).isEqualTo("entity.created");
		assertThat(header(headers, EventHeaders.CE_SOURCE)).isEqualTo("catalog-indexer");
		assertThat(header(headers, EventHeaders.CE_SUBJECT)).isEqualTo("product/" + id);
		assertThat(header(headers, EventHeaders.CE_TIME)).isEqualTo(result.event().timestamp().toString());
	}

	@Test
	void publishingInsideASpanCarriesTheTraceInTheTraceparentHeaderAndTheEnvelope() throws Exception {
		String id = UUID.randomUUID().toString();
		Span span = this.tracer.nextSpan().name("create product").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			this.publisher.entityCreated("product", id, new Product("Traced", 1)).get(30, TimeUnit.SECONDS);
		}
		finally {
			span.end();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.created.containsKey(id));
		Received received = this.handlers.created.get(id);
		String traceparent = header(received.context().headers(), "traceparent");
		assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
		assertThat(traceparent.split("-")[1]).isEqualTo(span.context().traceId());
		assertThat(received.event().traceId()).isEqualTo(span.context().traceId());
		assertThat(received.event().spanId()).isEqualTo(span.context().spanId());
	}

	@Test
	void handlersOfOneGroupGetOnlyTheirTypesFromOneSharedConsumer() throws Exception {
		String id = UUID.randomUUID().toString();
		this.publisher.entityCreated("shelf", id, new Product("Shelf", 100)).get(30, TimeUnit.SECONDS);
		this.publisher.entityDeleted("shelf", id).get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.handlers.created.containsKey(id) && this.handlers.deleted.contains(id));
		assertThat(this.handlers.created.get(id).event().eventType()).isEqualTo("entity.created");
		assertThat(this.handlers.deletedTypes).containsOnly("entity.deleted");
		assertThat(this.handlers.createdTypes).containsOnly("entity.created");
		assertThat(this.containers.getContainers()).containsOnlyKeys("catalog-indexer", "ordering");
		assertThat(this.containers.getContainers().get("catalog-indexer").getAssignedPartitions())
			.allMatch((partition) -> partition.topic().equals(ENTITY_TOPIC));
	}

	@Test
	void perKeyOrderHoldsForTenThousandEventsOverAHundredKeysOnThreePartitions() {
		int events = 10_000;
		List<CompletableFuture<PublishResult>> sent = new ArrayList<>(events);
		for (int i = 0; i < events; i++) {
			String key = "k" + (i % 100);
			// tag::publish-builder[]
			sent.add(this.publisher
				.publish(Event.builder("ordering.step").entity("sequence", key).data(Map.of("seq", i / 100)).build()));
			// end::publish-builder[]
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
		assertThat(sent).extracting((future) -> future.join().partition()).containsOnly(0, 1, 2);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.handlers.ordering.values().stream().mapToInt(List::size).sum() == events);
		assertThat(this.handlers.ordering).hasSize(100);
		this.handlers.ordering.forEach((key, seqs) -> {
			List<Integer> expected = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				expected.add(i);
			}
			assertThat(seqs).as("order of key %s", key).containsExactlyElementsOf(expected);
		});
		assertThat(this.handlers.orderingThreads).hasSizeGreaterThan(1);
	}

	@Test
	void handlerThatFailsTwiceIsRetriedAndHandlesTheEventOnce() throws Exception {
		String id = UUID.randomUUID().toString();
		this.handlers.flakyFailuresLeft.put(id, new AtomicInteger(2));
		this.publisher.entityUpdated("flaky", id, Map.of("name", "x"), List.of("name"), Map.of("name", "y"))
			.get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.flakySucceeded.contains(id));
		assertThat(this.handlers.flakyAttempts.get(id)).containsExactly(1, 2, 3);
		assertThat(this.handlers.flakySucceeded).containsOnlyOnce(id);
		Event updated = this.handlers.flakyEvents.get(id);
		assertThat(updated.changedFields()).containsExactly("name");
		assertThat(updated.previousData()).isEqualTo(Map.of("name", "y"));
		assertThat(deadLettersWithKey("flaky:" + id, Duration.ofSeconds(1))).isEmpty();
	}

	@Test
	void handlerThatAlwaysThrowsSendsTheEventToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
		String id = UUID.randomUUID().toString();
		PublishResult poison = this.publisher.entityCreated("widget", id, new Product("poison", 1))
			.get(30, TimeUnit.SECONDS);
		PublishResult next = this.publisher.entityCreated("widget", id, new Product("fine", 2))
			.get(30, TimeUnit.SECONDS);
		assertThat(next.partition()).isEqualTo(poison.partition());

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.widgets.contains("fine"));
		List<ConsumerRecord<byte[], byte[]>> dead = deadLettersWithKey("widget:" + id, Duration.ofSeconds(30));
		assertThat(dead).hasSize(1);
		ConsumerRecord<byte[], byte[]> record = dead.get(0);
		Headers headers = record.headers();
		assertThat(header(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(ENTITY_TOPIC);
		assertThat(intHeader(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION)).isEqualTo(poison.partition());
		assertThat(longHeader(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo(poison.offset());
		assertThat(longHeader(headers, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP))
			.isEqualTo(poison.timestamp().toEpochMilli());
		assertThat(header(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("catalog-indexer");
		assertThat(header(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(IllegalStateException.class.getName());
		assertThat(header(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("cannot index poison");
		assertThat(header(headers, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).contains("WidgetHandler");
		assertThat(header(headers, EventHeaders.DLT_ATTEMPTS)).isEqualTo("2");
		assertThat(header(headers, EventHeaders.DLT_HANDLER_ID)).isEqualTo("widget-indexer");
		assertThat(header(headers, EventHeaders.CE_ID)).isEqualTo(poison.event().eventId());
		assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(poison.event().eventId());
		assertThat(this.handlers.widgetAttempts.get(poison.event().eventId())).hasValue(2);
		// The other handler of the group took the poison event once, not once per retry.
		assertThat(this.handlers.created.get(id)).isNotNull();
		assertThat(this.handlers.createdCount.get(poison.event().eventId())).hasValue(1);
	}

	@Test
	void handlerWhoseDatabaseIsDownIsRetriedPastItsAttemptsUntilTheDatabaseIsBackAndNothingIsDeadLettered()
			throws Exception {
		String id = UUID.randomUUID().toString();
		// Five failed attempts, where the handler allows two before dead-lettering.
		this.handlers.databaseOutagesLeft.put(id, new AtomicInteger(5));
		PublishResult published = this.publisher.entityCreated("widget", id, new Product("outlasted", 3))
			.get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.widgets.contains("outlasted"));
		assertThat(this.handlers.widgetAttempts.get(published.event().eventId())).hasValue(6);
		assertThat(deadLettersWithKey("widget:" + id, Duration.ofSeconds(1))).isEmpty();
	}

	@Test
	void garbageBytesAndJsonThatIsNotAnEventGoToTheDeadLetterTopicWithoutStoppingTheConsumer() throws Exception {
		String id = UUID.randomUUID().toString();
		String key = "product:" + id;
		try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
			raw.send(new ProducerRecord<>(ENTITY_TOPIC, key.getBytes(StandardCharsets.UTF_8),
					new byte[] { 0, (byte) 0xff, 0x13, 0x37 }))
				.get(30, TimeUnit.SECONDS);
			ProducerRecord<byte[], byte[]> notAnEvent = new ProducerRecord<>(ENTITY_TOPIC,
					key.getBytes(StandardCharsets.UTF_8), "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
			notAnEvent.headers().add(EventHeaders.EVENT_TYPE, "entity.created".getBytes(StandardCharsets.UTF_8));
			raw.send(notAnEvent).get(30, TimeUnit.SECONDS);
		}
		this.publisher.entityCreated("product", id, new Product("After garbage", 1)).get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.created.containsKey(id));
		List<ConsumerRecord<byte[], byte[]>> dead = deadLettersWithKey(key, Duration.ofSeconds(30));
		assertThat(dead).hasSize(2);
		assertThat(dead).allSatisfy((record) -> {
			assertThat(header(record.headers(), KafkaHeaders.DLT_EXCEPTION_FQCN))
				.isEqualTo(EventDeserializationException.class.getName());
			assertThat(header(record.headers(), EventHeaders.DLT_ATTEMPTS)).isEqualTo("1");
			assertThat(record.headers().lastHeader(EventHeaders.DLT_HANDLER_ID)).isNull();
		});
		assertThat(dead.get(0).value()).containsExactly(0, (byte) 0xff, 0x13, 0x37);
		assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("{\"hello\":\"world\"}");
	}

	@Test
	void aRecordTooLargeToDeadLetterWithItsHeadersIsDeadLetteredWithoutItsValueAndThePartitionMovesOn()
			throws Exception {
		String id = UUID.randomUUID().toString();
		String key = "product:" + id;
		// Fits the topic (the largest record is 1 MiB) but not with the dead-letter
		// headers added.
		byte[] huge = new byte[1_047_000];
		Arrays.fill(huge, (byte) '{');
		RecordMetadata original;
		try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
			original = raw.send(new ProducerRecord<>(ENTITY_TOPIC, key.getBytes(StandardCharsets.UTF_8), huge))
				.get(30, TimeUnit.SECONDS);
		}
		this.publisher.entityCreated("product", id, new Product("After huge", 1)).get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.created.containsKey(id));
		List<ConsumerRecord<byte[], byte[]>> dead = deadLettersWithKey(key, Duration.ofSeconds(30));
		assertThat(dead).hasSize(1);
		Headers headers = dead.get(0).headers();
		assertThat(dead.get(0).value()).isEmpty();
		assertThat(header(headers, EventHeaders.DLT_VALUE_DROPPED)).isEqualTo("1047000");
		assertThat(header(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(ENTITY_TOPIC);
		assertThat(intHeader(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION)).isEqualTo(original.partition());
		assertThat(longHeader(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo(original.offset());
		assertThat(header(headers, KafkaHeaders.DLT_EXCEPTION_FQCN))
			.isEqualTo(EventDeserializationException.class.getName());
		assertThat(headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
	}

	private KafkaProducer<byte[], byte[]> rawProducer() {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private List<ConsumerRecord<byte[], byte[]>> deadLettersWithKey(String key, Duration wait) {
		return this.deadLetters.withKey(key, wait);
	}

	private static String header(Headers headers, String name) {
		return EventHeaders.lastValue(headers, name);
	}

	private static int intHeader(Headers headers, String name) {
		return java.nio.ByteBuffer.wrap(headers.lastHeader(name).value()).getInt();
	}

	private static long longHeader(Headers headers, String name) {
		return java.nio.ByteBuffer.wrap(headers.lastHeader(name).value()).getLong();
	}

	record Product(String name, long priceCents) {
	}

	record Received(Event event, Product product, EventContext context) {
	}

	static class Handlers {

		final Map<String, Received> created = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> createdCount = new ConcurrentHashMap<>();

		final List<String> createdTypes = new CopyOnWriteArrayList<>();

		final List<String> deleted = new CopyOnWriteArrayList<>();

		final List<String> deletedTypes = new CopyOnWriteArrayList<>();

		final Map<String, List<Integer>> ordering = new ConcurrentHashMap<>();

		final List<String> orderingThreads = new CopyOnWriteArrayList<>();

		final Map<String, AtomicInteger> flakyFailuresLeft = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> databaseOutagesLeft = new ConcurrentHashMap<>();

		final Map<String, List<Integer>> flakyAttempts = new ConcurrentHashMap<>();

		final Map<String, Event> flakyEvents = new ConcurrentHashMap<>();

		final List<String> flakySucceeded = new CopyOnWriteArrayList<>();

		final List<String> widgets = new CopyOnWriteArrayList<>();

		final Map<String, AtomicInteger> widgetAttempts = new ConcurrentHashMap<>();

		// tag::handler-parameters[]
		@DictameshEventHandler("entity.created")
		void onCreated(Product product, Event event, EventContext context) {
			this.createdTypes.add(event.eventType());
			this.createdCount.computeIfAbsent(event.eventId(), (id) -> new AtomicInteger()).incrementAndGet();
			this.created.put(event.entityId(), new Received(event, product, context));
		}
		// end::handler-parameters[]

		@DictameshEventHandler(types = "entity.deleted")
		void onDeleted(Event event) {
			this.deletedTypes.add(event.eventType());
			this.deleted.add(event.entityId());
		}

		@DictameshEventHandler(types = "ordering.step", groupId = "ordering", concurrency = 3)
		void onStep(Event event, Map<String, Integer> data) {
			if (!this.orderingThreads.contains(Thread.currentThread().getName())) {
				this.orderingThreads.add(Thread.currentThread().getName());
			}
			this.ordering.computeIfAbsent(event.entityId(), (key) -> Collections.synchronizedList(new ArrayList<>()))
				.add(data.get("seq"));
		}

		// tag::retries[]
		@DictameshEventHandler(types = "entity.updated", entityTypes = "flaky", maxAttempts = 4, backoff = "20ms")
		void onFlaky(Event event, EventContext context) {
			this.flakyAttempts.computeIfAbsent(event.entityId(), (id) -> new CopyOnWriteArrayList<>())
				.add(context.attempt());
			AtomicInteger failuresLeft = this.flakyFailuresLeft.get(event.entityId());
			if (failuresLeft != null && failuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("search cluster busy");
			}
			// end::retries[]
			this.flakyEvents.put(event.entityId(), event);
			this.flakySucceeded.add(event.entityId());
		}

	}

	static class WidgetHandler {

		private final Handlers handlers;

		WidgetHandler(Handlers handlers) {
			this.handlers = handlers;
		}

		// tag::handler-id[]
		@DictameshEventHandler(id = "widget-indexer", types = "entity.created", entityTypes = "widget", maxAttempts = 2)
		void onWidget(Product widget, Event event) {
			this.handlers.widgetAttempts.computeIfAbsent(event.eventId(), (id) -> new AtomicInteger())
				.incrementAndGet();
			if (widget.name().equals("poison")) {
				throw new IllegalStateException("cannot index poison widget " + event.entityId());
			}
			// end::handler-id[]
			AtomicInteger outagesLeft = this.handlers.databaseOutagesLeft.get(event.entityId());
			if (outagesLeft != null && outagesLeft.getAndDecrement() > 0) {
				throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
						new SQLTransientConnectionException("pool - Connection is not available"));
			}
			this.handlers.widgets.add(widget.name());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

		@Bean
		WidgetHandler widgetHandler(Handlers handlers) {
			return new WidgetHandler(handlers);
		}

	}

}
