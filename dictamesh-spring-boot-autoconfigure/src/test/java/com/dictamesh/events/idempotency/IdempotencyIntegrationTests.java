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

package com.dictamesh.events.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.autoconfigure.DictameshEventsAutoConfiguration;
import com.dictamesh.events.jdbc.DatabaseDialect;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventHandlerMethod;
import com.dictamesh.events.kafka.EventHandlerRegistry;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.TopicResolver;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotent handlers against a real broker and a real database; a subclass per database.
 * The handlers count their effects in the application's own tables, in the transaction
 * the starter opens for them.
 */
@SpringBootTest(classes = IdempotencyIntegrationTests.TestApplication.class,
		properties = { "spring.application.name=idempotency-it", "dictamesh.events.topics.partitions=3",
				"dictamesh.events.retry.initial-interval=50ms", "dictamesh.events.retry.max-interval=200ms",
				"dictamesh.events.outbox.relay.poll-interval=100ms" })
@EmbeddedKafka
// Stop the broker with the class, not in a shutdown hook racing the deletion of its
// files.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IdempotencyIntegrationTests {

	private static final String TOPIC = "dictamesh.entity.changed";

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private EventHandlerContainers containers;

	@Autowired
	private IdempotencyStore store;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private Effects effects;

	@Autowired
	private EventHandlerRegistry registry;

	@Autowired
	@Qualifier(DictameshEventsAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME)
	private ConcurrentKafkaListenerContainerFactory<byte[], byte[]> containerFactory;

	@Autowired
	@Qualifier(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME)
	private KafkaTemplate<byte[], byte[]> kafkaTemplate;

	@Autowired
	private TopicResolver topicResolver;

	@Autowired
	private EventSerializer serializer;

	@Autowired
	private IdempotentHandlerExecution execution;

	private JdbcTemplate jdbc;

	@BeforeAll
	void createApplicationTables() {
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS it_counter (id VARCHAR(100) NOT NULL PRIMARY KEY, "
				+ "n INTEGER NOT NULL)");
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS it_effect (event_id VARCHAR(64) NOT NULL)");
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS it_bulk_effect (event_id VARCHAR(64) NOT NULL)");
		assertThat(this.execution.isTransactional()).as("marks share the handler's transaction").isTrue();
	}

	@Test
	void theSameEventDeliveredFiveTimesHasOneEffect() throws Exception {
		String id = counter();
		double duplicatesBefore = duplicates();
		Event event = Event.entityCreated("counter", id, Map.of()).build();
		for (int i = 0; i < 5; i++) {
			this.publisher.publish(event).get(30, TimeUnit.SECONDS);
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() == duplicatesBefore + 4);
		assertThat(count(id)).isEqualTo(1);
		assertThat(marks(event.eventId())).isEqualTo(1);
	}

	@Test
	void anEventRedeliveredAfterItsHandlerCommittedButBeforeItsOffsetWasHasOneEffect() throws Exception {
		String id = counter();
		PublishResult first = this.publisher.publish(Event.entityCreated("counter", id, Map.of()).build())
			.get(30, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(30)).until(() -> count(id) == 1);

		// As if the process died after the handler's commit and before the offset commit:
		// the group starts again from before the event.
		MessageListenerContainer container = this.containers.getContainers().get("counters");
		container.stop();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			TopicPartition partition = new TopicPartition(TOPIC, first.partition());
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.untilAsserted(() -> admin
					.alterConsumerGroupOffsets("counters", Map.of(partition, new OffsetAndMetadata(first.offset())))
					.all()
					.get(10, TimeUnit.SECONDS));
		}
		container.start();
		this.publisher.publish(Event.entityCreated("counter", id, Map.of()).build()).get(30, TimeUnit.SECONDS);

		// The replayed event comes before the new one on the key's partition.
		await().atMost(Duration.ofSeconds(30)).until(() -> count(id) >= 2);
		assertThat(count(id)).isEqualTo(2);
	}

	@Test
	void aHandlerThatFailsThenSucceedsHasOneEffectAndLeavesItsMark() throws Exception {
		String id = counter();
		this.effects.failuresLeft.put(id, new AtomicInteger(2));
		Event event = Event.entityCreated("counter", id, Map.of()).build();
		this.publisher.publish(event).get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.effects.failuresLeft.get(id).get() < 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> marks(event.eventId()) == 1);
		assertThat(count(id)).as("the failed attempts' updates rolled back with their marks").isEqualTo(1);
	}

	@Test
	void twoConsumersOfOneGroupRebalancingWhileTenThousandEventsFlowApplyEachOnce() throws Exception {
		int events = 10_000;
		EventHandlerContainers secondInstance = new EventHandlerContainers(this.registry, this.containerFactory,
				this.kafkaTemplate, this.topicResolver, this.serializer,
				new EventHandlerContainers.Settings("idempotency-it", 1, 3, Duration.ofMillis(50), 2.0,
						Duration.ofMillis(200), List.of(), true),
				() -> this.execution);
		secondInstance.afterSingletonsInstantiated();
		List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
		try {
			for (int i = 0; i < events; i++) {
				sent.add(this.publisher
					.publish(Event.builder("entity.updated").entity("flow", "f" + (i % 500)).build()));
				if (i == 2_000) {
					await().atMost(Duration.ofSeconds(30)).until(() -> effects() > 0);
					secondInstance.start();
				}
				if (i == 6_000) {
					// The first instance leaves the group mid-flow: a second rebalance.
					this.containers.getContainers().get("flow").stop();
				}
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(120)).until(() -> distinctEffects() == events);
			assertThat(effects()).as("effects of 10,000 events").isEqualTo(events);
			Counter skipped = this.meterRegistry.find("dictamesh.idempotency.duplicates")
				.tag("group", "flow")
				.counter();
			System.out.printf("%s: 10,000 events, 2 consumers, 2 rebalances: %.0f redeliveries skipped%n",
					getClass().getSimpleName(), (skipped != null) ? skipped.count() : 0.0);
		}
		finally {
			secondInstance.stop();
			this.containers.getContainers().get("flow").start();
		}
	}

	@Test
	void aConsumerGivenAnEventAnotherIsApplyingWaitsOnItsMarkAndSkipsIt() throws Exception {
		String id = counter();
		Event event = Event.entityCreated("counter", id, Map.of()).build();
		EventHandlerMethod handler = this.registry.handlers()
			.stream()
			.filter((candidate) -> candidate.id().equals("Effects.count"))
			.findFirst()
			.orElseThrow();
		CountDownLatch firstApplied = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		ExecutorService consumers = Executors.newFixedThreadPool(2);
		try {
			Future<?> first = consumers.submit(() -> this.execution.execute(handler, "race", event, () -> {
				this.jdbc.update("UPDATE it_counter SET n = n + 1 WHERE id = ?", id);
				firstApplied.countDown();
				awaitLatch(releaseFirst);
			}));
			assertThat(firstApplied.await(30, TimeUnit.SECONDS)).isTrue();
			Future<?> second = consumers.submit(() -> this.execution.execute(handler, "race", event,
					() -> this.jdbc.update("UPDATE it_counter SET n = n + 1 WHERE id = ?", id)));

			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
			releaseFirst.countDown();
			first.get(30, TimeUnit.SECONDS);
			second.get(30, TimeUnit.SECONDS);
			assertThat(count(id)).isEqualTo(1);
			assertThat(marks(event.eventId())).isEqualTo(1);
		}
		finally {
			releaseFirst.countDown();
			consumers.shutdownNow();
		}
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aBatchHandlerGetsEachNewEventOnceAndNoneItProcessedBefore() throws Exception {
		double duplicatesBefore = duplicates("bulk");
		List<Event> events = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			events.add(Event.entityCreated("bulk", "b" + (i % 50), Map.of("n", i)).build());
		}
		List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
		events.forEach((event) -> sent.add(this.publisher.publish(event)));
		events.subList(0, 200).forEach((event) -> sent.add(this.publisher.publish(event)));
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(60)).until(() -> duplicates("bulk") == duplicatesBefore + 200);
		Integer applied = this.jdbc.queryForObject("SELECT COUNT(*) FROM it_bulk_effect", Integer.class);
		Integer distinct = this.jdbc.queryForObject("SELECT COUNT(DISTINCT event_id) FROM it_bulk_effect",
				Integer.class);
		assertThat(applied).isEqualTo(1_000);
		assertThat(distinct).isEqualTo(1_000);
		assertThat(this.effects.batchSizes).as("events arrive in batches").anyMatch((size) -> size > 1);
	}

	@Test
	void aHandlerThatWritesAndPublishesThroughTheOutboxDoesBothOnceWhateverTheRedeliveries() throws Exception {
		String orderId = UUID.randomUUID().toString();
		this.jdbc.update("INSERT INTO it_counter (id, n) VALUES (?, 0)", orderId);
		Event placed = Event.entityCreated("order", orderId, Map.of()).build();
		for (int i = 0; i < 3; i++) {
			this.publisher.publish(placed).get(30, TimeUnit.SECONDS);
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> this.effects.confirmations.containsKey(orderId));
		await().atMost(Duration.ofSeconds(10)).until(() -> duplicates("orders") >= 2);
		assertThat(count(orderId)).isEqualTo(1);
		assertThat(this.effects.confirmations.get(orderId)).singleElement()
			.satisfies((confirmed) -> assertThat(confirmed.metadata().causationId()).isEqualTo(placed.eventId()));
	}

	@Test
	void cleanUpRemovesOnlyExpiredMarks() {
		String group = "ttl-" + UUID.randomUUID().toString().substring(0, 8);
		this.store.mark(group, "h", "old-1");
		this.store.mark(group, "h", "old-2");
		this.store.mark(group, "h", "new-1");
		DatabaseDialect dialect = ((JdbcIdempotencyStore) this.store).getDialect();
		this.jdbc.update("UPDATE dictamesh_processed_event SET processed_at = " + dialect.nowPlusMillis()
				+ " WHERE consumer_group = ? AND event_id LIKE 'old-%'", -Duration.ofDays(2).toMillis(), group);

		int deleted = new IdempotencyCleaner(this.store, Duration.ofDays(1), Duration.ofMinutes(1), 1,
				new IdempotencyListener() {
				})
			.deleteExpired();

		assertThat(deleted).isGreaterThanOrEqualTo(2);
		assertThat(this.store.findProcessed(group, "h", List.of("old-1", "old-2", "new-1"))).containsExactly("new-1");
	}

	private String counter() {
		String id = UUID.randomUUID().toString();
		this.jdbc.update("INSERT INTO it_counter (id, n) VALUES (?, 0)", id);
		return id;
	}

	private int count(String id) {
		Integer n = this.jdbc.queryForObject("SELECT n FROM it_counter WHERE id = ?", Integer.class, id);
		return (n != null) ? n : 0;
	}

	private int marks(String eventId) {
		Integer n = this.jdbc.queryForObject("SELECT COUNT(*) FROM dictamesh_processed_event WHERE event_id = ?",
				Integer.class, eventId);
		return (n != null) ? n : 0;
	}

	private int effects() {
		Integer n = this.jdbc.queryForObject("SELECT COUNT(*) FROM it_effect", Integer.class);
		return (n != null) ? n : 0;
	}

	private int distinctEffects() {
		Integer n = this.jdbc.queryForObject("SELECT COUNT(DISTINCT event_id) FROM it_effect", Integer.class);
		return (n != null) ? n : 0;
	}

	private double duplicates() {
		return duplicates("counters");
	}

	private double duplicates(String group) {
		Counter counter = this.meterRegistry.find("dictamesh.idempotency.duplicates").tag("group", group).counter();
		return (counter != null) ? counter.count() : 0;
	}

	static class Effects {

		final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

		final List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

		final Map<String, List<Event>> confirmations = new ConcurrentHashMap<>();

		private final OutboxEventPublisher outbox;

		private final JdbcTemplate jdbc;

		Effects(DataSource dataSource, OutboxEventPublisher outbox) {
			this.jdbc = new JdbcTemplate(dataSource);
			this.outbox = outbox;
		}

		// tag::follow-up[]
		@DictameshEventHandler(types = "entity.created", entityTypes = "order", groupId = "orders")
		void confirm(Event placed) {
			this.jdbc.update("UPDATE it_counter SET n = n + 1 WHERE id = ?", placed.entityId());
			this.outbox.publish(Event.builder("sales.order.confirmed")
				.entity("order", placed.entityId())
				.causationId(placed.eventId())
				.build());
		}
		// end::follow-up[]

		@DictameshEventHandler(types = "sales.order.confirmed", groupId = "notifications")
		void confirmed(Event confirmed) {
			this.confirmations
				.computeIfAbsent(confirmed.entityId(), (id) -> new java.util.concurrent.CopyOnWriteArrayList<>())
				.add(confirmed);
		}

		@DictameshEventHandler(types = "entity.created", entityTypes = "counter", groupId = "counters")
		void count(Event event) {
			this.jdbc.update("UPDATE it_counter SET n = n + 1 WHERE id = ?", event.entityId());
			AtomicInteger failures = this.failuresLeft.get(event.entityId());
			if (failures != null && failures.getAndDecrement() > 0) {
				throw new IllegalStateException("the search cluster is busy");
			}
		}

		// tag::batch-handler[]
		@DictameshEventHandler(types = "entity.created", entityTypes = "bulk", groupId = "bulk")
		void applyAll(List<Event> events) {
			this.batchSizes.add(events.size());
			this.jdbc.batchUpdate("INSERT INTO it_bulk_effect (event_id) VALUES (?)",
					events.stream().map((event) -> new Object[] { event.eventId() }).toList());
		}
		// end::batch-handler[]

		@DictameshEventHandler(types = "entity.updated", entityTypes = "flow", groupId = "flow", concurrency = 3)
		void apply(Event event) {
			this.jdbc.update("INSERT INTO it_effect (event_id) VALUES (?)", event.eventId());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Effects effects(DataSource dataSource, OutboxEventPublisher outbox) {
			return new Effects(dataSource, outbox);
		}

	}

}
