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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.testsupport.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * First figures of idempotent consumption on embedded PostgreSQL and the in-JVM broker:
 * the same handler (one insert per event) without the store, record by record with the
 * store, and batched with the store, each consuming the same events in a group of its
 * own. Not part of the suite (tag {@code measurement}); run it with
 * {@code ./mvnw test -pl dictamesh-spring-boot-autoconfigure -am -Dtest=IdempotencyPerformanceMeasurement -Dsurefire.failIfNoSpecifiedTests=false -Dmeasurements.excluded=none}.
 */
@Tag("measurement")
@SpringBootTest(classes = IdempotencyPerformanceMeasurement.TestApplication.class,
		properties = { "spring.application.name=idempotency-bench", "dictamesh.events.topics.partitions=6",
				"dictamesh.events.consumer.auto-startup=false", "dictamesh.events.outbox.enabled=false",
				"dictamesh.events.topics.routes[bench.*]=bench-events", "spring.kafka.consumer.max-poll-records=500",
				"spring.datasource.hikari.maximum-pool-size=4", "logging.level.org.apache.kafka=WARN" })
@EmbeddedKafka
@DirtiesContext
class IdempotencyPerformanceMeasurement {

	private static final EmbeddedPostgresDatabase postgres = new EmbeddedPostgresDatabase();

	private static final int EVENTS = 30_000;

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private EventHandlerContainers containers;

	@Autowired
	private Handlers handlers;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private TimedStore store;

	@DynamicPropertySource
	static void dataSource(DynamicPropertyRegistry registry) {
		postgres.register(registry);
	}

	@Test
	void measure() throws Exception {
		new JdbcTemplate(this.dataSource)
			.execute("CREATE TABLE bench_effect (event_id VARCHAR(64) NOT NULL, handler VARCHAR(16))");
		List<CompletableFuture<PublishResult>> sent = new ArrayList<>(EVENTS);
		for (int i = 0; i < EVENTS; i++) {
			sent.add(this.publisher.publish(
					Event.builder("bench.item.changed").entity("item", "i" + (i % 1000)).data(Map.of("n", i)).build()));
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

		double plain = consume("plain", this.handlers.plain);
		double record = consume("record", this.handlers.record);
		double batch = consume("batch", this.handlers.batch);

		System.out.println();
		System.out.println("Idempotent consumption on embedded PostgreSQL 14 (zonky), in-JVM broker, one consumer, "
				+ EVENTS + " events, handler = one insert per event");
		System.out.printf("without the store, record by record: %,.0f events/s%n", plain);
		System.out.printf("with the store, record by record (mark + insert in one transaction): %,.0f events/s = "
				+ "%.2f of the rate without%n", record, record / plain);
		System.out.printf(
				"with the store, batched (marks that double as the look-up, in one statement on PostgreSQL, plus the handler's batched inserts): %,.0f events/s, "
						+ "%d batches of %.0f events on average, handler's own insert %.1f ms per batch%n",
				batch, this.handlers.batches.get(), (double) EVENTS / this.handlers.batches.get(),
				this.handlers.batchNanos.get() / 1e6 / this.handlers.batches.get());
		System.out.printf("look-up %.1f ms, marks %.1f ms per batch%n", this.store.findNanos.get() / 1e6 / 60,
				this.store.markNanos.get() / 1e6 / 60);
	}

	private double consume(String group, AtomicLong handled) {
		long start = System.nanoTime();
		this.containers.getContainers().get(group).start();
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> handled.get() >= EVENTS);
		double rate = EVENTS / ((System.nanoTime() - start) / 1e9);
		this.containers.getContainers().get(group).stop();
		return rate;
	}

	static class TimedStore implements IdempotencyStore {

		final AtomicLong findNanos = new AtomicLong();

		final AtomicLong markNanos = new AtomicLong();

		private final JdbcIdempotencyStore delegate;

		TimedStore(JdbcIdempotencyStore delegate) {
			this.delegate = delegate;
		}

		@Override
		public boolean mark(String group, String handlerId, String eventId) {
			return this.delegate.mark(group, handlerId, eventId);
		}

		@Override
		public java.util.Set<String> markAll(String group, String handlerId, java.util.Collection<String> eventIds) {
			long start = System.nanoTime();
			try {
				return this.delegate.markAll(group, handlerId, eventIds);
			}
			finally {
				this.markNanos.addAndGet(System.nanoTime() - start);
			}
		}

		@Override
		public java.util.Set<String> findProcessed(String group, String handlerId,
				java.util.Collection<String> eventIds) {
			long start = System.nanoTime();
			try {
				return this.delegate.findProcessed(group, handlerId, eventIds);
			}
			finally {
				this.findNanos.addAndGet(System.nanoTime() - start);
			}
		}

		@Override
		public int deleteExpired(Duration timeToLive, int limit) {
			return this.delegate.deleteExpired(timeToLive, limit);
		}

		@Override
		public boolean isTransactional() {
			return true;
		}

		@Override
		public boolean marksBatchInOneStatement() {
			return this.delegate.marksBatchInOneStatement();
		}

	}

	static class Handlers {

		final AtomicLong plain = new AtomicLong();

		final AtomicLong record = new AtomicLong();

		final AtomicLong batch = new AtomicLong();

		final AtomicLong batches = new AtomicLong();

		final AtomicLong batchNanos = new AtomicLong();

		private final JdbcTemplate jdbc;

		Handlers(DataSource dataSource) {
			this.jdbc = new JdbcTemplate(dataSource);
		}

		@DictameshEventHandler(types = "bench.item.changed", groupId = "plain", idempotent = false)
		void plain(Event event) {
			this.jdbc.update("INSERT INTO bench_effect (event_id, handler) VALUES (?, 'plain')", event.eventId());
			this.plain.incrementAndGet();
		}

		@DictameshEventHandler(types = "bench.item.changed", groupId = "record")
		void record(Event event) {
			this.jdbc.update("INSERT INTO bench_effect (event_id, handler) VALUES (?, 'record')", event.eventId());
			this.record.incrementAndGet();
		}

		@DictameshEventHandler(types = "bench.item.changed", groupId = "batch")
		void batch(List<Event> events) {
			this.batches.incrementAndGet();
			long start = System.nanoTime();
			this.jdbc.batchUpdate("INSERT INTO bench_effect (event_id, handler) VALUES (?, 'batch')",
					events.stream().map((event) -> new Object[] { event.eventId() }).toList());
			this.batchNanos.addAndGet(System.nanoTime() - start);
			this.batch.addAndGet(events.size());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Handlers handlers(DataSource dataSource) {
			return new Handlers(dataSource);
		}

		@Bean
		TimedStore timedStore(DataSource dataSource,
				org.springframework.beans.factory.ObjectProvider<com.dictamesh.events.jdbc.SchemaInitializer> schema) {
			schema.ifAvailable((s) -> {
			});
			return new TimedStore(new JdbcIdempotencyStore(new JdbcTemplate(dataSource),
					com.dictamesh.events.jdbc.DatabaseDialect.of(dataSource)));
		}

	}

}
