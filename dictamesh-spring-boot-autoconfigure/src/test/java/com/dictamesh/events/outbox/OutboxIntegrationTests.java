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

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.dictamesh.events.autoconfigure.DictameshOutboxAutoConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The outbox against a real broker and a real database; a subclass per database.
 */
@SpringBootTest(classes = OutboxIntegrationTests.TestApplication.class,
		properties = { "spring.application.name=outbox-it", "dictamesh.events.topics.partitions=3",
				"dictamesh.events.outbox.relay.lease-duration=3s", "dictamesh.events.outbox.relay.poll-interval=100ms",
				"dictamesh.events.outbox.relay.batch-size=200", "dictamesh.events.outbox.relay.buckets=16",
				"dictamesh.events.outbox.relay.initial-backoff=200ms", "dictamesh.events.outbox.relay.max-backoff=1s",
				"dictamesh.events.outbox.relay.max-attempts=3" })
@EmbeddedKafka
// Stop the broker with the class, not in a shutdown hook racing the deletion of its
// files.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutboxIntegrationTests {

	static final String TOPIC = "dictamesh.entity.changed";

	@Autowired
	private OutboxEventPublisher outbox;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private OutboxRepository repository;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	@Qualifier(DictameshOutboxAutoConfiguration.RELAY_KAFKA_TEMPLATE_BEAN_NAME)
	private KafkaTemplate<byte[], byte[]> relayTemplate;

	private TransactionTemplate transaction;

	private JdbcTemplate jdbc;

	@BeforeAll
	void createBusinessTable() {
		this.transaction = new TransactionTemplate(this.transactionManager);
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS it_entity (id VARCHAR(100) NOT NULL PRIMARY KEY, "
				+ "version INTEGER NOT NULL)");
	}

	@Test
	void committedEventsArePublishedAndRolledBackOnesAreNot() throws Exception {
		String type = entityType();
		try (EventCollector events = new EventCollector(this.broker.getBrokersAsString(), TOPIC, type)) {
			// tag::outbox-transaction[]
			this.transaction.executeWithoutResult((status) -> {
				this.jdbc.update("INSERT INTO it_entity (id, version) VALUES (?, 1)", type + ":a");
				this.outbox.entityCreated(type, "a", Map.of("seq", 1));
			});
			this.transaction.executeWithoutResult((status) -> {
				this.jdbc.update("UPDATE it_entity SET version = 2 WHERE id = ?", type + ":a");
				this.outbox.entityUpdated(type, "a", Map.of("seq", 2), List.of("seq"), null);
				status.setRollbackOnly();
			});
			// end::outbox-transaction[]
			this.transaction
				.executeWithoutResult((status) -> this.outbox.entityUpdated(type, "a", Map.of("seq", 3), null, null));

			await().atMost(Duration.ofSeconds(30)).until(() -> events.sequence(type + ":a").contains(3));
			assertThat(events.sequence(type + ":a")).containsExactly(1, 3);
			assertThat(
					this.jdbc.queryForObject("SELECT version FROM it_entity WHERE id = ?", Integer.class, type + ":a"))
				.isEqualTo(1);
			await().atMost(Duration.ofSeconds(10)).until(() -> pendingRows() == 0);
			Timer relayLag = this.meterRegistry.find("dictamesh.outbox.relay.lag").timer();
			assertThat(relayLag).isNotNull();
			assertThat(relayLag.count()).isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void aRowTheBrokerRefusesIsMarkedFailedAfterItsAttemptsAndHoldsUpNoOtherKey() throws Exception {
		String type = entityType();
		double givenUpBefore = givenUpRows();
		try (EventCollector events = new EventCollector(this.broker.getBrokersAsString(), TOPIC, type)) {
			this.transaction.executeWithoutResult((status) -> this.outbox.entityCreated(type, "big",
					Map.of("seq", 1, "blob", "x".repeat(1_200_000))));
			this.transaction
				.executeWithoutResult((status) -> this.outbox.entityUpdated(type, "big", Map.of("seq", 2), null, null));
			this.transaction
				.executeWithoutResult((status) -> this.outbox.entityCreated(type, "small", Map.of("seq", 1)));

			await().atMost(Duration.ofSeconds(30))
				.until(() -> events.sequence(type + ":big").contains(2)
						&& events.sequence(type + ":small").contains(1));
			assertThat(events.sequence(type + ":big")).containsExactly(2);
			Map<String, Object> failed = this.jdbc.queryForMap(
					"SELECT status, attempts, last_error FROM dictamesh_outbox WHERE record_key = ?", type + ":big");
			assertThat(((Number) failed.get("status")).intValue()).isEqualTo(OutboxRepository.FAILED);
			assertThat(((Number) failed.get("attempts")).intValue()).isEqualTo(3);
			assertThat((String) failed.get("last_error")).contains("RecordTooLargeException");
			assertThat(givenUpRows()).isEqualTo(givenUpBefore + 1);
		}
	}

	@Test
	void publishedRowsKeptForARetentionAreDeletedInBoundedBatchesOnceItPassed() {
		String type = entityType();
		this.relay.stop();
		try {
			this.transaction.executeWithoutResult((status) -> {
				for (int i = 0; i < 25; i++) {
					this.outbox.entityCreated(type, "r" + i, Map.of("seq", 1));
				}
			});
			List<Long> ids = this.jdbc.queryForList("SELECT id FROM dictamesh_outbox WHERE record_key LIKE ?",
					Long.class, type + ":%");
			this.repository.markPublished(ids, true);
			assertThat(this.repository.deletePublished(60_000, 10)).as("rows younger than the retention").isZero();
			// Once a millisecond old, they go, at most ten per statement.
			await().atMost(Duration.ofSeconds(10)).until(() -> this.repository.deletePublished(1, 10) == 10);
			assertThat(rowsOf(type)).isEqualTo(15);
			assertThat(this.repository.deletePublished(1, 10)).isEqualTo(10);
			assertThat(this.repository.deletePublished(1, 10)).isEqualTo(5);
			assertThat(rowsOf(type)).isZero();
		}
		finally {
			this.relay.start();
		}
	}

	@Test
	void publishingOutsideATransactionFailsAndSaysHowToFixIt() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.outbox.entityCreated(entityType(), "x", Map.of()))
			.withMessageContaining("without a transaction")
			.withMessageContaining("@Transactional")
			.withMessageContaining("dictamesh.events.outbox.transaction-required=false");
	}

	@Test
	void eightWritersAndThreeRelaysPublishTenThousandEventsInCommitOrderPerKey() throws Exception {
		String type = entityType();
		OutboxRelay second = newRelay(this.relayTemplate);
		OutboxRelay third = newRelay(this.relayTemplate);
		try (EventCollector events = new EventCollector(this.broker.getBrokersAsString(), TOPIC, type)) {
			second.start();
			third.start();
			awaitBucketsShared(this.relay, second, third);

			Map<String, Integer> expected = write(type, 100, 10_000, 8);

			await().atMost(Duration.ofSeconds(120)).until(() -> events.distinctEvents() == 10_000);
			events.assertCommitOrderPerKey(expected);
			System.out.printf("%s: 10,000 events, 8 writers, 3 relays: %d duplicates%n", getClass().getSimpleName(),
					events.duplicates());
		}
		finally {
			second.stop();
			third.stop();
		}
	}

	@Test
	void aRelayHaltedMidBatchLosesNothingAndTheOthersTakeOverItsBuckets() throws Exception {
		String type = entityType();
		OutboxRelay second = newRelay(this.relayTemplate);
		OutboxRelay crashing = newRelay(this.relayTemplate);
		CountDownLatch crashed = new CountDownLatch(1);
		AtomicInteger rowsInCrashedBatch = new AtomicInteger();
		crashing.beforeMark((batch) -> {
			if (batch.stream().anyMatch((row) -> row.key() != null && row.key().startsWith(type))) {
				rowsInCrashedBatch.set(batch.size());
				crashing.haltAbruptly();
				crashed.countDown();
			}
		});
		try (EventCollector events = new EventCollector(this.broker.getBrokersAsString(), TOPIC, type)) {
			second.start();
			crashing.start();
			awaitBucketsShared(this.relay, second, crashing);

			Map<String, Integer> expected = write(type, 30, 3_000, 8);

			assertThat(crashed.await(60, TimeUnit.SECONDS)).as("the relay crashed mid-batch").isTrue();
			await().atMost(Duration.ofSeconds(120)).until(() -> events.distinctEvents() == 3_000);
			events.assertCommitOrderPerKey(expected);
			assertThat(events.duplicates()).as("rows sent but not marked by the halted relay are sent again")
				.isPositive();
			// Buckets without pending rows may be claimed a heartbeat after the last
			// event.
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.relay.getOwnedBuckets().size() + second.getOwnedBuckets().size() == 16);
			System.out.printf(
					"%s: relay halted after sending a batch of %d rows: 3,000 events delivered, " + "%d duplicates%n",
					getClass().getSimpleName(), rowsInCrashedBatch.get(), events.duplicates());
		}
		finally {
			second.stop();
			crashing.stop();
		}
	}

	@Test
	void aBrokerKilledAndRestartedMidRunLosesNothing(@TempDir Path brokerDirectory) throws Exception {
		String type = entityType();
		this.relay.stop();
		DefaultKafkaProducerFactory<byte[], byte[]> producers = null;
		OutboxRelay standaloneRelay = null;
		try (StandaloneKafkaBroker kafka = new StandaloneKafkaBroker(brokerDirectory)) {
			kafka.start();
			kafka.createTopic(TOPIC, 3);
			producers = new DefaultKafkaProducerFactory<>(relayProducerConfig(kafka.bootstrapServers()));
			producers.addPostProcessor(OutboxRelay.stopAtFailure());
			KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(producers);
			template.setProducerListener(null);
			standaloneRelay = newRelay(template);
			standaloneRelay.start();
			try (EventCollector events = new EventCollector(kafka.bootstrapServers(), TOPIC, type)) {
				Map<String, Integer> expected = new HashMap<>(write(type, 20, 1_000, 4));
				await().atMost(Duration.ofSeconds(60)).until(() -> events.distinctEvents() >= 300);

				kafka.kill();
				write(type, 20, 1_000, 4).forEach((key, count) -> expected.merge(key, count, Math::max));
				await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> pendingRows() > 0);
				int deliveredWhileDown = events.distinctEvents();
				kafka.start();

				await().atMost(Duration.ofSeconds(120)).until(() -> events.distinctEvents() == 2_000);
				events.assertCommitOrderPerKey(expected);
				System.out.printf(
						"%s: broker killed after %d of 2,000 events and restarted: all delivered, " + "%d duplicates%n",
						getClass().getSimpleName(), deliveredWhileDown, events.duplicates());
			}
		}
		finally {
			if (standaloneRelay != null) {
				standaloneRelay.stop();
			}
			if (producers != null) {
				producers.destroy();
			}
			this.relay.start();
		}
	}

	/**
	 * Write events from several threads. Each transaction bumps its entity's version
	 * under the row lock and writes the event with that version as its sequence, as a
	 * service that updates an entity does, so that a key's commit order is its sequence.
	 * @return the number of events per key
	 */
	private Map<String, Integer> write(String type, int keys, int events, int threads) throws Exception {
		this.transaction.executeWithoutResult((status) -> {
			for (int key = 0; key < keys; key++) {
				if (this.jdbc.update("UPDATE it_entity SET version = version WHERE id = ?", type + ":k" + key) == 0) {
					this.jdbc.update("INSERT INTO it_entity (id, version) VALUES (?, 0)", type + ":k" + key);
				}
			}
		});
		AtomicInteger remaining = new AtomicInteger(events);
		ExecutorService writers = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> done = new java.util.ArrayList<>();
			for (int t = 0; t < threads; t++) {
				done.add(writers.submit(() -> {
					while (remaining.getAndDecrement() > 0) {
						String id = "k" + ThreadLocalRandom.current().nextInt(keys);
						this.transaction.executeWithoutResult((status) -> {
							this.jdbc.update("UPDATE it_entity SET version = version + 1 WHERE id = ?",
									type + ":" + id);
							Integer version = this.jdbc.queryForObject("SELECT version FROM it_entity WHERE id = ?",
									Integer.class, type + ":" + id);
							this.outbox.entityUpdated(type, id, Map.of("seq", version), List.of("seq"), null);
						});
					}
				}));
			}
			for (Future<?> writer : done) {
				writer.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			writers.shutdownNow();
		}
		Map<String, Integer> versions = new HashMap<>();
		this.jdbc.query("SELECT id, version FROM it_entity WHERE id LIKE ?", (rs) -> {
			if (rs.getInt(2) > 0) {
				versions.put(rs.getString(1), rs.getInt(2));
			}
		}, type + ":%");
		return versions;
	}

	private void awaitBucketsShared(OutboxRelay... relays) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> java.util.Arrays.stream(relays).allMatch((relay) -> !relay.getOwnedBuckets().isEmpty())
					&& java.util.Arrays.stream(relays).mapToInt((relay) -> relay.getOwnedBuckets().size()).sum() == 16);
	}

	private OutboxRelay newRelay(KafkaTemplate<byte[], byte[]> template) {
		return new OutboxRelay(this.repository, template, JsonMapper.builder().build(),
				new OutboxRelay.Settings("it", 16, 200, Duration.ofMillis(100), Duration.ofSeconds(3), 10,
						Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(1), 1000));
	}

	private Map<String, Object> relayProducerConfig(String bootstrapServers) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
		return config;
	}

	private double givenUpRows() {
		Counter counter = this.meterRegistry.find("dictamesh.outbox.failed").tag("given-up", "true").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private int rowsOf(String type) {
		Integer rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM dictamesh_outbox WHERE record_key LIKE ?",
				Integer.class, type + ":%");
		return (rows != null) ? rows : 0;
	}

	private int pendingRows() {
		Integer pending = this.jdbc.queryForObject("SELECT COUNT(*) FROM dictamesh_outbox WHERE status = 0",
				Integer.class);
		return (pending != null) ? pending : 0;
	}

	private static String entityType() {
		return "t" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
