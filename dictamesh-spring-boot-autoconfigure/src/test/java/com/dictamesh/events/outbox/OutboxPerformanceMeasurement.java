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

package com.dictamesh.events.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import com.dictamesh.events.Event;
import com.dictamesh.events.autoconfigure.DictameshOutboxAutoConfiguration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * First figures of the outbox on embedded PostgreSQL and the in-JVM broker: write
 * overhead, relay drain rate, commit-to-acknowledgment latency. Not part of the suite
 * (tag {@code measurement}); run it with
 * {@code ./mvnw test -pl dictamesh-spring-boot-autoconfigure -am -Dtest=OutboxPerformanceMeasurement -Dsurefire.failIfNoSpecifiedTests=false -Dmeasurements.excluded=none}.
 */
@Tag("measurement")
@SpringBootTest(classes = OutboxPerformanceMeasurement.TestApplication.class,
		properties = { "spring.application.name=outbox-bench", "dictamesh.events.topics.partitions=12",
				"dictamesh.events.outbox.relay.batch-size=1000", "dictamesh.events.consumer.auto-startup=false",
				"spring.datasource.hikari.maximum-pool-size=4", "logging.level.org.apache.kafka=WARN" })
@EmbeddedKafka
@DirtiesContext
class OutboxPerformanceMeasurement {

	private static final EmbeddedPostgres postgres = start();

	@Autowired
	private OutboxEventPublisher outbox;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private DataSource dataSource;

	@Autowired
	@Qualifier(DictameshOutboxAutoConfiguration.RELAY_KAFKA_TEMPLATE_BEAN_NAME)
	private KafkaTemplate<byte[], byte[]> relayTemplate;

	@DynamicPropertySource
	static void dataSource(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
	}

	@Test
	void measure() {
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("CREATE TABLE IF NOT EXISTS bench_order (id BIGSERIAL PRIMARY KEY, customer VARCHAR(64), "
				+ "total BIGINT, payload TEXT)");
		String payload = "x".repeat(700);

		// 1. Write overhead: the same transaction with and without one outbox event.
		this.relay.stop();
		int transactions = 3000;
		double[] without = new double[5];
		double[] with = new double[5];
		double[] secondInsert = new double[5];
		jdbc.execute("CREATE TABLE IF NOT EXISTS bench_audit (id BIGSERIAL PRIMARY KEY, order_ref VARCHAR(64), "
				+ "payload BYTEA, created_at TIMESTAMP WITH TIME ZONE)");
		for (int round = -1; round < 5; round++) {
			double plain = timeTransactions(transactions, (i) -> transaction.executeWithoutResult((status) -> jdbc
				.update("INSERT INTO bench_order (customer, total, payload) VALUES (?, ?, ?)", "c" + i, i, payload)));
			double outboxed = timeTransactions(transactions, (i) -> transaction.executeWithoutResult((status) -> {
				jdbc.update("INSERT INTO bench_order (customer, total, payload) VALUES (?, ?, ?)", "c" + i, i, payload);
				this.outbox.entityCreated("order", "o" + i, Map.of("customer", "c" + i, "total", i, "note", payload));
			}));
			// The floor any outbox pays: a second row of the same size in the same
			// transaction.
			byte[] audit = payload.repeat(2).getBytes(StandardCharsets.UTF_8);
			double twoInserts = timeTransactions(transactions, (i) -> transaction.executeWithoutResult((status) -> {
				jdbc.update("INSERT INTO bench_order (customer, total, payload) VALUES (?, ?, ?)", "c" + i, i, payload);
				jdbc.update("INSERT INTO bench_audit (order_ref, payload, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
						"o" + i, audit);
			}));
			if (round >= 0) {
				without[round] = plain;
				with[round] = outboxed;
				secondInsert[round] = twoInserts;
			}
		}
		jdbc.update("DELETE FROM dictamesh_outbox");

		// 2. Drain: a backlog of 100,000 rows, published by one relay instance.
		int backlog = 100_000;
		for (int batch = 0; batch < backlog / 1000; batch++) {
			int first = batch * 1000;
			transaction.executeWithoutResult((status) -> {
				for (int i = first; i < first + 1000; i++) {
					this.outbox.entityCreated("order", "b" + (i % 5000), Map.of("n", i, "note", payload));
				}
			});
		}
		assertThat(pending(jdbc)).isEqualTo(backlog);
		long drainStart = System.nanoTime();
		this.relay.start();
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> pending(jdbc) == 0);
		double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

		// 3. Commit-to-acknowledgment latency at 1,000 events/s with the after-commit
		// wake-up.
		Map<String, Long> committedAt = new ConcurrentHashMap<>();
		List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
		this.relayTemplate.setProducerListener(new ProducerListener<>() {
			@Override
			public void onSuccess(ProducerRecord<byte[], byte[]> record, RecordMetadata metadata) {
				long acked = System.nanoTime();
				String eventId = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
				Long committed = committedAt.remove(eventId);
				if (committed != null) {
					latencies.add(acked - committed);
				}
			}
		});
		int events = 10_000;
		long interval = TimeUnit.SECONDS.toNanos(1) / 1000;
		long next = System.nanoTime();
		for (int i = 0; i < events; i++) {
			LockSupport.parkNanos(next - System.nanoTime());
			next += interval;
			Event event = Event.entityCreated("order", "l" + (i % 1000), Map.of("n", i, "note", payload)).build();
			transaction.executeWithoutResult((status) -> this.outbox.publish(event));
			committedAt.put(event.eventId(), System.nanoTime());
		}
		await().atMost(Duration.ofMinutes(1)).until(() -> latencies.size() >= events - 50 && pending(jdbc) == 0);
		this.relayTemplate.setProducerListener(null);

		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		Arrays.sort(without);
		Arrays.sort(with);
		Arrays.sort(secondInsert);
		System.out.println();
		System.out.println("Outbox on embedded PostgreSQL 14 (zonky), in-JVM KRaft broker, this machine");
		System.out.printf(
				"write, %d transactions of 1 insert (median of 5): %.0f tx/s without, %.0f tx/s with 1 outbox "
						+ "event: overhead %.1f%%%n",
				transactions, without[2], with[2], (without[2] / with[2] - 1) * 100);
		System.out.printf("reference: the same transaction with a second plain insert of a 1.4 KB row: %.0f tx/s, "
				+ "overhead %.1f%%%n", secondInsert[2], (without[2] / secondInsert[2] - 1) * 100);
		System.out.printf("drain of %,d rows by one relay: %.1f s = %,.0f events/s%n", backlog, drainSeconds,
				backlog / drainSeconds);
		System.out.printf("commit-to-ack at 1,000 events/s, %,d events: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
				sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
	}

	private static double timeTransactions(int count, java.util.function.IntConsumer body) {
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			body.accept(i);
		}
		return count / ((System.nanoTime() - start) / 1e9);
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

	private static int pending(JdbcTemplate jdbc) {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dictamesh_outbox WHERE status = 0", Integer.class);
		return (count != null) ? count : 0;
	}

	private static EmbeddedPostgres start() {
		try {
			return EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
