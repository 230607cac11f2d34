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
package com.dictamesh.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.dictamesh.benchmarks.PublishScenarios.Product;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.autoconfigure.DictameshOutboxAutoConfiguration;
import com.dictamesh.events.kafka.EventHeaders;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.TopicResolver;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import com.dictamesh.events.outbox.OutboxRelay;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * S5 and S6, the transactional outbox on PostgreSQL: what writing an event costs a
 * business transaction (against the same transaction without it, and against the floor
 * any outbox pays: a hand-written insert of a row of the same size), how fast one relay
 * instance drains a backlog (against a hand-written relay loop with a raw
 * {@link KafkaProducer} of the same settings), and the latency from a commit to the
 * broker's acknowledgment at a fixed rate (against a raw send made at the commit).
 */
final class OutboxScenarios {

	private static final String PREFIX = "bench-outbox.";

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private static final String INSERT_PRODUCT = "INSERT INTO bench_product (sku, name, description, price_cents) "
			+ "VALUES (?, ?, ?, ?)";

	private final Settings settings;

	private final String bootstrapServers;

	private final Postgres postgres;

	OutboxScenarios(Settings settings, String bootstrapServers, Postgres postgres) {
		this.settings = settings;
		this.bootstrapServers = bootstrapServers;
		this.postgres = postgres;
	}

	List<Result> run() throws Exception {
		List<Result> results = new ArrayList<>();
		try (ConfigurableApplicationContext application = application(true)) {
			Outbox outbox = new Outbox(application);
			outbox.jdbc.execute("CREATE TABLE IF NOT EXISTS bench_product (id BIGSERIAL PRIMARY KEY, "
					+ "sku VARCHAR(32) NOT NULL, name VARCHAR(255) NOT NULL, description TEXT NOT NULL, "
					+ "price_cents BIGINT NOT NULL)");
			// What a hand-written outbox needs at the least: a key in write order and the
			// record, without the starter's other indexes (event id, pending rows).
			outbox.jdbc.execute("CREATE TABLE IF NOT EXISTS bench_outbox_floor (id BIGSERIAL PRIMARY KEY, "
					+ "topic VARCHAR(249) NOT NULL, record_key VARCHAR(1024), payload BYTEA NOT NULL, "
					+ "headers TEXT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
			int partitions = Leaders.await(outbox.topic, this.bootstrapServers);
			EventPublisher direct = application.getBean(EventPublisher.class);
			Leaders.prime((i) -> direct.publish(outbox.event(i)), partitions);
			// Not draining yet: the instance holds every bucket's lease, as a lone
			// instance does, but its thread is stopped until S6.
			outbox.relay.stop();
			outbox.relay.publishPending();
			results.addAll(writeOverhead(outbox, "synchronous_commit on"));
			// One live instance at a time, so that each holds every bucket and has no
			// other instance to notify.
			outbox.relay.stop();
			try (ConfigurableApplicationContext asynchronous = application(false)) {
				Outbox unsynchronized = new Outbox(asynchronous);
				unsynchronized.relay.stop();
				unsynchronized.relay.publishPending();
				try {
					results.addAll(writeOverhead(unsynchronized, "synchronous_commit off"));
				}
				finally {
					unsynchronized.relay.stop();
				}
			}
			outbox.relay.publishPending();
			results.add(drain(outbox));
			results.addAll(latency(outbox));
		}
		return results;
	}

	/**
	 * S5: business transactions without the outbox, with 1 and 10 events, and with the
	 * floor's hand-written insert, each timed over the same number of transactions on an
	 * emptied table, interleaved.
	 */
	private List<Result> writeOverhead(Outbox outbox, String commit) {
		OutboxRow sample = outbox.sampleRow();
		IntConsumer without = (i) -> outbox.transaction.executeWithoutResult((status) -> outbox.insertProduct(i));
		IntConsumer one = (i) -> outbox.transaction.executeWithoutResult((status) -> {
			outbox.insertProduct(i);
			outbox.publisher.publish(outbox.event(i));
		});
		IntConsumer ten = (i) -> outbox.transaction.executeWithoutResult((status) -> {
			outbox.insertProduct(i);
			for (int e = 0; e < 10; e++) {
				outbox.publisher.publish(outbox.event(i * 10 + e));
			}
		});
		// What any outbox pays: a row of the same size, its values ready.
		IntConsumer floor = (i) -> outbox.transaction.executeWithoutResult((status) -> {
			outbox.insertProduct(i);
			outbox.jdbc.update(
					"INSERT INTO bench_outbox_floor (topic, record_key, payload, headers, created_at) "
							+ "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)",
					sample.topic(), "product:" + (i % 1_000), sample.payload(), sample.headers());
		});
		int count = this.settings.writeTransactions();
		IntConsumer[] sides = { without, one, ten, floor };
		List<List<Double>> rates = new ArrayList<>();
		for (IntConsumer side : sides) {
			rates.add(new ArrayList<>());
			if (this.settings.warmUp()) {
				outbox.truncate();
				time(side, count / 5);
			}
		}
		for (int r = 0; r < this.settings.repetitions(); r++) {
			for (int s = 0; s < sides.length; s++) {
				outbox.truncate();
				rates.get(s).add(count * 1e9 / time(sides[s], count));
			}
		}
		outbox.truncate();
		String baseline = "the same transaction without an outbox";
		String measure = "outbox write, transactions/s of one 1 KB business insert, " + commit;
		Figures plain = new Figures(rates.get(0));
		return List.of(
				new Result("S5", measure + ", plus 1 event", "tx/s", new Figures(rates.get(1)), baseline, plain, true,
						commit.endsWith("on") ? ">= 0.87 (overhead <= 15%)" : ""),
				new Result("S5", measure + ", plus 10 events", "tx/s", new Figures(rates.get(2)), baseline, plain, true,
						""),
				new Result("S5", measure
						+ ", plus the floor: a hand-written insert of an outbox-sized row into a table with a primary key only",
						"tx/s", new Figures(rates.get(3)), baseline, plain, true, ""));
	}

	/**
	 * S6: a backlog written once through the starter and copied back before each
	 * repetition, drained by {@link OutboxRelay#publishPending()} (the relay's batches,
	 * on the calling thread) or by a hand-written loop.
	 */
	private Result drain(Outbox outbox) throws Exception {
		int backlog = this.settings.backlog();
		outbox.truncate();
		int perTransaction = 1_000;
		for (int first = 0; first < backlog; first += perTransaction) {
			int from = first;
			int to = Math.min(backlog, first + perTransaction);
			outbox.transaction.executeWithoutResult((status) -> {
				for (int i = from; i < to; i++) {
					outbox.publisher.publish(outbox.event(i));
				}
			});
		}
		outbox.jdbc.execute("DROP TABLE IF EXISTS bench_backlog");
		outbox.jdbc.execute("CREATE TABLE bench_backlog AS SELECT id, event_type, topic, record_key, bucket, "
				+ "payload, headers FROM dictamesh_outbox");
		outbox.truncate();
		int batchSize = outbox.application.getEnvironment()
			.getProperty("dictamesh.events.outbox.relay.batch-size", Integer.class, 500);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(outbox.relayProducerSettings())) {
			if (this.settings.warmUp()) {
				outbox.restore(backlog / 5);
				outbox.relay.publishPending();
				outbox.restore(backlog / 5);
				handWrittenRelay(outbox, producer, batchSize);
			}
			List<Double> ours = new ArrayList<>();
			List<Double> baseline = new ArrayList<>();
			for (int r = 0; r < this.settings.repetitions(); r++) {
				outbox.restore(backlog);
				long start = System.nanoTime();
				int published = handWrittenRelay(outbox, producer, batchSize);
				baseline.add(published * 1e9 / (System.nanoTime() - start));
				check(published, backlog);
				outbox.restore(backlog);
				start = System.nanoTime();
				published = outbox.relay.publishPending();
				ours.add(published * 1e9 / (System.nanoTime() - start));
				check(published, backlog);
			}
			return new Result("S6", String.format("relay drain of a %,d-row backlog, one instance", backlog),
					"events/s", new Figures(ours), "hand-written loop: SELECT, KafkaProducer, DELETE",
					new Figures(baseline), true, ">= 15,000 events/s (absolute)");
		}
	}

	/**
	 * What a team writes by hand: read a batch of pending rows in id order, send them all
	 * with a raw producer of the relay's settings, wait for the acknowledgments, delete
	 * them in one statement (as the relay does with no retention).
	 */
	private static int handWrittenRelay(Outbox outbox, KafkaProducer<byte[], byte[]> producer, int batchSize)
			throws Exception {
		int published = 0;
		while (true) {
			List<OutboxRow> rows = outbox.jdbc.query(
					"SELECT id, topic, record_key, bucket, payload, headers FROM dictamesh_outbox WHERE status = 0 "
							+ "ORDER BY id LIMIT ?",
					(rs, rowNum) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
							rs.getBytes(5), rs.getString(6)),
					batchSize);
			if (rows.isEmpty()) {
				return published;
			}
			List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
			for (OutboxRow row : rows) {
				acks.add(producer.send(row.toRecord(outbox.jsonMapper)));
			}
			for (Future<RecordMetadata> ack : acks) {
				ack.get(1, TimeUnit.MINUTES);
			}
			outbox.jdbc.update("DELETE FROM dictamesh_outbox WHERE id IN ("
					+ rows.stream().map((row) -> String.valueOf(row.id())).collect(Collectors.joining(",")) + ")");
			published += rows.size();
		}
	}

	/**
	 * S6: commit-to-acknowledgment latency at a fixed rate with the relay thread woken by
	 * each commit, beside the floor of any publish after a commit: a raw send made as the
	 * transaction commits, without an outbox. Latency counts from the commit, as the
	 * target says.
	 */
	private List<Result> latency(Outbox outbox) throws Exception {
		OutboxRow sample = outbox.sampleRow();
		outbox.relay.start();
		Map<String, long[]> pending = new ConcurrentHashMap<>();
		KafkaTemplate<byte[], byte[]> relayTemplate = outbox.relayTemplate();
		relayTemplate.setProducerListener(new ProducerListener<>() {

			@Override
			public void onSuccess(ProducerRecord<byte[], byte[]> record, RecordMetadata metadata) {
				long acked = System.nanoTime();
				Header id = record.headers().lastHeader(EventHeaders.CE_ID);
				long[] committed = (id != null) ? pending.get(new String(id.value(), StandardCharsets.UTF_8)) : null;
				if (committed != null) {
					// Acknowledged before the committing thread ran its after-commit
					// callback: as good as no latency at all.
					committed[1] = (committed[0] != 0) ? Math.max(1, acked - committed[0]) : 1;
				}
			}

		});
		// The relay flushes each batch; the raw send does not wait out a linger either.
		Map<String, Object> sendAtOnce = new HashMap<>(outbox.relayProducerSettings());
		sendAtOnce.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(sendAtOnce)) {
			LatencySide ours = (i, latency) -> outbox.transaction.executeWithoutResult((status) -> {
				Event event = outbox.event(i);
				pending.put(event.eventId(), latency);
				// Registered before the outbox's own, so it runs first after the commit.
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCommit() {
						latency[0] = System.nanoTime();
					}

				});
				outbox.insertProduct(i);
				outbox.publisher.publish(event);
			});
			ProducerRecord<byte[], byte[]> record = sample.toRecord(outbox.jsonMapper);
			LatencySide baseline = (i, latency) -> outbox.transaction.executeWithoutResult((status) -> {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCommit() {
						latency[0] = System.nanoTime();
						producer.send(record,
								(metadata, ex) -> latency[1] = (ex != null) ? -1 : System.nanoTime() - latency[0]);
					}

				});
				outbox.insertProduct(i);
			});
			if (this.settings.warmUp()) {
				atFixedRate(ours);
				atFixedRate(baseline);
			}
			double[] quantiles = { 0.5, 0.99 };
			List<List<Double>> oursMillis = List.of(new ArrayList<>(), new ArrayList<>());
			List<List<Double>> baselineMillis = List.of(new ArrayList<>(), new ArrayList<>());
			for (int r = 0; r < this.settings.repetitions(); r++) {
				long[] baselineLatencies = atFixedRate(baseline);
				long[] oursLatencies = atFixedRate(ours);
				pending.clear();
				for (int q = 0; q < quantiles.length; q++) {
					baselineMillis.get(q).add(quantile(baselineLatencies, quantiles[q]) / 1e6);
					oursMillis.get(q).add(quantile(oursLatencies, quantiles[q]) / 1e6);
				}
			}
			String measure = "commit-to-ack latency %s at %,d events/s, relay woken after commit";
			String baselineName = "KafkaProducer.send at the commit (linger 0), no outbox";
			return List.of(new Result("S6", String.format(measure, "p50", this.settings.outboxRate()), "ms",
					new Figures(oursMillis.get(0)), baselineName, new Figures(baselineMillis.get(0)), false, ""),
					new Result("S6", String.format(measure, "p99", this.settings.outboxRate()), "ms",
							new Figures(oursMillis.get(1)), baselineName, new Figures(baselineMillis.get(1)), false,
							"< 50 ms (absolute)"));
		}
		finally {
			relayTemplate.setProducerListener(null);
			outbox.relay.stop();
		}
	}

	/**
	 * Commit one transaction per interval and return each one's commit-to-ack latency,
	 * once all were acknowledged.
	 */
	private long[] atFixedRate(LatencySide side) throws InterruptedException {
		int count = this.settings.outboxLatencyCount();
		long interval = 1_000_000_000L / this.settings.outboxRate();
		long[][] latencies = new long[count][];
		long start = System.nanoTime() + interval;
		for (int i = 0; i < count; i++) {
			long due = start + i * interval;
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			latencies[i] = new long[2];
			side.commit(i, latencies[i]);
		}
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		long[] result = new long[count];
		for (int i = 0; i < count; i++) {
			while (latencies[i][1] == 0) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Event " + i + " of " + count + " was not acknowledged");
				}
				TimeUnit.MILLISECONDS.sleep(5);
			}
			if (latencies[i][1] < 0) {
				throw new IllegalStateException("Event " + i + " of " + count + " failed");
			}
			result[i] = latencies[i][1];
		}
		return result;
	}

	private static double quantile(long[] values, double quantile) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
	}

	private static long time(IntConsumer transaction, int count) {
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			transaction.accept(i);
		}
		return System.nanoTime() - start;
	}

	private static void check(int published, int backlog) {
		if (published != backlog) {
			throw new IllegalStateException("Published " + published + " of a backlog of " + backlog);
		}
	}

	private ConfigurableApplicationContext application(boolean synchronousCommit) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(this.postgres.properties())
			.properties("spring.application.name=bench-outbox",
					"spring.kafka.bootstrap-servers=" + this.bootstrapServers,
					"dictamesh.events.topics.prefix=" + PREFIX, "dictamesh.events.idempotency.store=none",
					"dictamesh.events.health.enabled=false", "spring.main.banner-mode=off", "logging.level.root=warn",
					"logging.level.org.apache.kafka.clients.producer.internals.Sender=error");
		if (!synchronousCommit) {
			builder.properties("spring.datasource.hikari.connection-init-sql=SET synchronous_commit TO off");
		}
		return builder.run();
	}

	/**
	 * A commit of one side of the latency scenario.
	 */
	@FunctionalInterface
	private interface LatencySide {

		/**
		 * Commit the i-th transaction; the commit time goes to {@code latency[0]}, the
		 * latency to {@code latency[1]} once acknowledged.
		 */
		void commit(int i, long[] latency);

	}

	/**
	 * An outbox row as a hand-written relay reads it.
	 */
	private record OutboxRow(long id, String topic, String key, int bucket, byte[] payload, String headers) {

		ProducerRecord<byte[], byte[]> toRecord(JsonMapper jsonMapper) {
			RecordHeaders recordHeaders = new RecordHeaders();
			jsonMapper.readValue(this.headers, HEADERS)
				.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
			return new ProducerRecord<>(this.topic, null, this.key.getBytes(StandardCharsets.UTF_8), this.payload,
					recordHeaders);
		}

	}

	/**
	 * The parts of an application under measurement that the scenarios use.
	 */
	private static final class Outbox {

		final ConfigurableApplicationContext application;

		final OutboxEventPublisher publisher;

		final OutboxRelay relay;

		final JdbcTemplate jdbc;

		final TransactionTemplate transaction;

		final JsonMapper jsonMapper;

		final String topic;

		final Product product;

		Outbox(ConfigurableApplicationContext application) {
			this.application = application;
			this.publisher = application.getBean(OutboxEventPublisher.class);
			this.relay = application.getBean(OutboxRelay.class);
			this.jdbc = new JdbcTemplate(application.getBean(DataSource.class));
			this.transaction = new TransactionTemplate(application.getBean(PlatformTransactionManager.class));
			this.jsonMapper = application.getBean(JsonMapper.class);
			this.topic = application.getBean(TopicResolver.class).topicFor("entity.created");
			this.product = Product.ofEventSize(1024, application.getBean(EventSerializer.class));
		}

		Event event(int i) {
			return Event.entityCreated("product", Integer.toString(i % 1_000), this.product).build();
		}

		void insertProduct(int i) {
			this.jdbc.update(INSERT_PRODUCT, this.product.sku(), this.product.name(), this.product.description(),
					(long) i);
		}

		/**
		 * Write one event through the starter and return its row, then remove it.
		 */
		OutboxRow sampleRow() {
			this.transaction.executeWithoutResult((status) -> this.publisher.publish(event(0)));
			OutboxRow row = this.jdbc.queryForObject(
					"SELECT id, topic, record_key, bucket, payload, headers FROM dictamesh_outbox ORDER BY id DESC "
							+ "LIMIT 1",
					(rs, rowNum) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
							rs.getBytes(5), rs.getString(6)));
			truncate();
			return row;
		}

		void truncate() {
			this.jdbc.execute("TRUNCATE bench_product, bench_outbox_floor, dictamesh_outbox");
		}

		/**
		 * Write the backlog's first rows back as pending, each with a new event id, and
		 * have PostgreSQL's statistics see them.
		 */
		void restore(int rows) {
			truncate();
			this.jdbc.update("INSERT INTO dictamesh_outbox (event_id, event_type, topic, record_key, bucket, payload, "
					+ "headers, created_at) SELECT gen_random_uuid()::text, event_type, topic, record_key, bucket, "
					+ "payload, headers, CURRENT_TIMESTAMP FROM bench_backlog ORDER BY id LIMIT ?", rows);
			this.jdbc.execute("VACUUM ANALYZE dictamesh_outbox");
		}

		@SuppressWarnings("unchecked")
		KafkaTemplate<byte[], byte[]> relayTemplate() {
			return this.application.getBean(DictameshOutboxAutoConfiguration.RELAY_KAFKA_TEMPLATE_BEAN_NAME,
					KafkaTemplate.class);
		}

		Map<String, Object> relayProducerSettings() {
			return relayTemplate().getProducerFactory().getConfigurationProperties();
		}

	}

	/**
	 * The application under measurement: the starter with its defaults, on PostgreSQL.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
