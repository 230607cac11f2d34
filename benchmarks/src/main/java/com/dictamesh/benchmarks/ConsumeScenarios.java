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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.dictamesh.benchmarks.PublishScenarios.Product;
import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.autoconfigure.DictameshEventsAutoConfiguration;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.TopicResolver;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * S3, S4 and S7: a topic filled once, then drained by a consumer group of its own per
 * repetition. S3: a {@code @DictameshEventHandler} method (record by record, with and
 * without the delivery observation, and as a batch handler) beside a raw
 * {@link KafkaConsumer} loop doing the same work: read the envelope with Jackson, bind
 * its data to the product, and commit after each poll. S4: an idempotent batch handler on
 * PostgreSQL beside the raw loop doing idempotency by hand. S7: the record handler with
 * the starter's health on and read every second beside the same with health off. Each
 * figure counts from the first record handled to the last, so start-up and group joins
 * are left out on both sides; the sides alternate within each repetition.
 */
final class ConsumeScenarios {

	private static final String PREFIX = "bench-consume.";

	private static final String HEALTH_OFF = "dictamesh.events.health.enabled=false";

	private final Settings settings;

	private final String bootstrapServers;

	private final Postgres postgres;

	private int groups;

	ConsumeScenarios(Settings settings, String bootstrapServers, Postgres postgres) {
		this.settings = settings;
		this.bootstrapServers = bootstrapServers;
		this.postgres = postgres;
	}

	List<Result> run() throws Exception {
		int count = this.settings.consumeCount();
		try (ConfigurableApplicationContext filler = application(Filler.class, "bench-filler");
				HikariDataSource dataSource = (HikariDataSource) this.postgres.dataSource()) {
			EventPublisher events = filler.getBean(EventPublisher.class);
			Product product = Product.ofEventSize(1024, filler.getBean(EventSerializer.class));
			String topic = filler.getBean(TopicResolver.class).topicFor("entity.created");
			int partitions = Leaders.await(topic, this.bootstrapServers);
			int primed = Leaders.prime((i) -> events.entityCreated("product", Integer.toString(i % 1_000), product),
					partitions);
			List<CompletableFuture<?>> sent = new ArrayList<>(count);
			for (int i = primed; i < count; i++) {
				sent.add(events.entityCreated("product", Integer.toString(i % 1_000), product));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
			@SuppressWarnings("unchecked")
			Map<String, Object> consumerSettings = new HashMap<>(filler
				.getBean(DictameshEventsAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME,
						ConcurrentKafkaListenerContainerFactory.class)
				.getConsumerFactory()
				.getConfigurationProperties());
			JsonMapper jsonMapper = filler.getBean(JsonMapper.class);
			IdempotentRawLoop idempotentRaw = new IdempotentRawLoop(dataSource);
			idempotentRaw.createEffectTable();
			if (this.settings.warmUp()) {
				raw(topic, consumerSettings, jsonMapper, null);
				handled(RecordConsumer.class);
				handled(BatchConsumer.class);
				// The starter's application first: it creates the table of marks.
				handled(IdempotentBatchConsumer.class, idempotent());
				raw(topic, consumerSettings, jsonMapper, idempotentRaw);
				handled(RecordConsumer.class, HEALTH_OFF);
			}
			List<Double> raw = new ArrayList<>();
			List<Double> record = new ArrayList<>();
			List<Double> observed = new ArrayList<>();
			List<Double> batch = new ArrayList<>();
			List<Double> idempotentRawRates = new ArrayList<>();
			List<Double> idempotentBatch = new ArrayList<>();
			List<Double> healthRead = new ArrayList<>();
			List<Double> healthOff = new ArrayList<>();
			for (int r = 0; r < this.settings.repetitions(); r++) {
				raw.add(raw(topic, consumerSettings, jsonMapper, null));
				record.add(handled(RecordConsumer.class));
				observed.add(handled(RecordConsumer.class, "dictamesh.events.consumer.observation-enabled=true"));
				batch.add(handled(BatchConsumer.class));
				// The starter's application first: it creates the table of marks.
				idempotentBatch.add(handled(IdempotentBatchConsumer.class, idempotent()));
				idempotentRawRates.add(raw(topic, consumerSettings, jsonMapper, idempotentRaw));
				// Alternating which goes first, so that neither always follows the same.
				if (r % 2 == 0) {
					healthOff.add(handled(RecordConsumer.class, HEALTH_OFF));
					healthRead.add(handledWithHealthRead());
				}
				else {
					healthRead.add(handledWithHealthRead());
					healthOff.add(handled(RecordConsumer.class, HEALTH_OFF));
				}
			}
			String baseline = "KafkaConsumer loop + Jackson";
			return List.of(
					new Result("S3", "consume throughput, record handler", "events/s", new Figures(record), baseline,
							new Figures(raw), true, ">= 0.85"),
					new Result("S3", "consume throughput, record handler, delivery observation on (as with tracing)",
							"events/s", new Figures(observed), baseline, new Figures(raw), true, ">= 0.70"),
					new Result("S3", "consume throughput, batch handler", "events/s", new Figures(batch), baseline,
							new Figures(raw), true, ">= 0.95"),
					new Result("S4",
							"idempotent consumption on PostgreSQL, batch handler: marks (JDBC store) and one insert "
									+ "per event in one transaction per poll",
							"events/s", new Figures(idempotentBatch),
							"KafkaConsumer loop + Jackson, INSERT ... ON CONFLICT DO NOTHING of the ids and the "
									+ "inserts by hand, one transaction per poll",
							new Figures(idempotentRawRates), true, ">= 10,000 events/s (absolute)"),
					new Result("S7",
							"consume throughput, record handler, health on (cluster, consumer lag, dead letters) "
									+ "with the lag indicator and gauges read every second",
							"events/s", new Figures(healthRead),
							"the same handler, dictamesh.events.health.enabled=false", new Figures(healthOff), true,
							">= 0.99"));
		}
	}

	/**
	 * The raw consumer loop: with an idempotent loop given, each poll's marks and effects
	 * are written in one transaction before the offsets are committed.
	 */
	private double raw(String topic, Map<String, Object> consumerSettings, JsonMapper jsonMapper,
			@Nullable IdempotentRawLoop idempotent) {
		int count = this.settings.consumeCount();
		Map<String, Object> settings = new HashMap<>(consumerSettings);
		String group = "bench-raw-" + (++this.groups);
		settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		settings.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
		settings.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		Counting counting = new Counting();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (counting.count.get() < count) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
				if (idempotent != null) {
					idempotent.handle(group, records, jsonMapper, counting);
				}
				else {
					for (ConsumerRecord<byte[], byte[]> record : records) {
						Event event = jsonMapper.readValue(record.value(), Event.class);
						counting.add(jsonMapper.convertValue(event.data(), Product.class));
					}
				}
				if (!records.isEmpty()) {
					consumer.commitSync();
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The raw consumer read " + counting.count + " of " + count);
				}
			}
		}
		return counting.rate();
	}

	private double handled(Class<?> consumer, String... properties) throws InterruptedException {
		try (ConfigurableApplicationContext application = application(consumer, "bench-handler-" + (++this.groups),
				properties)) {
			return handled(application);
		}
	}

	private double handled(ConfigurableApplicationContext application) throws InterruptedException {
		int count = this.settings.consumeCount();
		Counting counting = application.getBean(Counting.class);
		application.getBean(EventHandlerContainers.class).start();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (counting.count.get() < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The handler read " + counting.count + " of " + count);
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
		return counting.rate();
	}

	/**
	 * Return the properties of S4's application: the starter's JDBC store on PostgreSQL.
	 */
	private String[] idempotent() {
		List<String> properties = new ArrayList<>(List.of(this.postgres.properties()));
		properties.add("spring.autoconfigure.exclude=");
		properties.add("dictamesh.events.idempotency.store=jdbc");
		return properties.toArray(String[]::new);
	}

	/**
	 * S7: the record handler with the starter's health on, its consumer-lag indicator and
	 * gauges read every second, as a scrape of {@code /actuator/health} and a metrics
	 * scrape would.
	 */
	private double handledWithHealthRead() throws InterruptedException {
		try (ConfigurableApplicationContext application = application(RecordConsumer.class,
				"bench-handler-" + (++this.groups))) {
			HealthIndicator indicator = application.getBean("dictameshConsumerLagHealthIndicator",
					HealthIndicator.class);
			MeterRegistry registry = application.getBean(MeterRegistry.class);
			ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
			AtomicLong reads = new AtomicLong();
			scraper.scheduleAtFixedRate(() -> {
				indicator.health(true);
				registry.find("dictamesh.consumer.lag").gauges().forEach((gauge) -> gauge.value());
				reads.incrementAndGet();
			}, 0, 1, TimeUnit.SECONDS);
			try {
				return handled(application);
			}
			finally {
				scraper.shutdownNow();
				if (reads.get() == 0) {
					throw new IllegalStateException("The lag indicator was never read");
				}
			}
		}
	}

	private ConfigurableApplicationContext application(Class<?> source, String name, String... properties) {
		return new SpringApplicationBuilder(source).web(WebApplicationType.NONE)
			.properties("spring.application.name=" + name, "spring.kafka.bootstrap-servers=" + this.bootstrapServers,
					"dictamesh.events.topics.prefix=" + PREFIX, "dictamesh.events.consumer.auto-startup=false",
					"dictamesh.events.consumer.observation-enabled=false", "dictamesh.events.outbox.enabled=false",
					"dictamesh.events.idempotency.store=none", "spring.main.banner-mode=off", "logging.level.root=warn",
					"logging.level.org.apache.kafka.clients.producer.internals.Sender=error",
					"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
			// Later properties replace earlier ones of the same name.
			.properties(properties)
			.run();
	}

	/**
	 * S4's baseline: what a team writes by hand for effectively-once consumption with a
	 * raw consumer. Each poll in one transaction: the events' ids inserted into the
	 * starter's table of marks with {@code ON CONFLICT DO NOTHING} (the same table and
	 * index as the starter's store, under a group of its own), then the effect of each
	 * new event, then the commit, then the offsets.
	 */
	static final class IdempotentRawLoop {

		private final JdbcTemplate jdbc;

		private final TransactionTemplate transaction;

		IdempotentRawLoop(DataSource dataSource) {
			this.jdbc = new JdbcTemplate(dataSource);
			this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		}

		void createEffectTable() {
			this.jdbc.execute("CREATE TABLE IF NOT EXISTS bench_effect (event_id VARCHAR(64) NOT NULL, "
					+ "consumer_group VARCHAR(255) NOT NULL, price_cents BIGINT NOT NULL)");
		}

		void handle(String group, ConsumerRecords<byte[], byte[]> records, JsonMapper jsonMapper, Counting counting) {
			List<Event> events = new ArrayList<>(records.count());
			List<Product> products = new ArrayList<>(records.count());
			for (ConsumerRecord<byte[], byte[]> record : records) {
				Event event = jsonMapper.readValue(record.value(), Event.class);
				events.add(event);
				products.add(jsonMapper.convertValue(event.data(), Product.class));
			}
			this.transaction.executeWithoutResult((status) -> {
				int[] marked = this.jdbc.batchUpdate(
						"INSERT INTO dictamesh_processed_event (consumer_group, handler_id, event_id, processed_at) "
								+ "VALUES (?, 'raw', ?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING",
						events.stream().map((event) -> new Object[] { group, event.eventId() }).toList());
				List<Object[]> effects = new ArrayList<>(events.size());
				List<Product> handled = new ArrayList<>(events.size());
				for (int i = 0; i < marked.length; i++) {
					if (marked[i] == 1) {
						effects.add(new Object[] { events.get(i).eventId(), group, products.get(i).priceCents() });
						handled.add(products.get(i));
					}
				}
				this.jdbc.batchUpdate(
						"INSERT INTO bench_effect (event_id, consumer_group, price_cents) VALUES (?, ?, ?)", effects);
				handled.forEach(counting::add);
			});
		}

	}

	/**
	 * Counts what was handled and when the first and the last were.
	 */
	static class Counting {

		final AtomicInteger count = new AtomicInteger();

		private final AtomicLong first = new AtomicLong();

		private final AtomicLong last = new AtomicLong();

		private volatile long priceSum;

		void add(Product product) {
			long now = System.nanoTime();
			if (this.count.getAndIncrement() == 0) {
				this.first.set(now);
			}
			this.last.set(now);
			// Keep the binding from being optimized away.
			this.priceSum += product.priceCents();
		}

		double rate() {
			return (this.count.get() - 1) * 1e9 / (this.last.get() - this.first.get());
		}

	}

	/**
	 * Fills the topic through the starter.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Filler {

	}

	/**
	 * A record handler binding each event's data to the product.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RecordConsumer {

		@Bean
		Counting counting() {
			return new Counting();
		}

		@Bean
		RecordHandler recordHandler(Counting counting) {
			return new RecordHandler(counting);
		}

	}

	static class RecordHandler {

		private final Counting counting;

		RecordHandler(Counting counting) {
			this.counting = counting;
		}

		@DictameshEventHandler("entity.created")
		void on(Product product) {
			this.counting.add(product);
		}

	}

	/**
	 * A batch handler given the events of each poll, binding each one's data.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BatchConsumer {

		@Bean
		Counting counting() {
			return new Counting();
		}

		@Bean
		BatchHandler batchHandler(Counting counting, EventSerializer serializer) {
			return new BatchHandler(counting, serializer);
		}

	}

	/**
	 * An idempotent batch handler on PostgreSQL: the starter's JDBC store marks each
	 * poll's events and the handler inserts one row per event, in one transaction.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class IdempotentBatchConsumer {

		@Bean
		Counting counting() {
			return new Counting();
		}

		@Bean
		IdempotentBatchHandler idempotentBatchHandler(Counting counting, EventSerializer serializer,
				DataSource dataSource, Environment environment) {
			return new IdempotentBatchHandler(counting, serializer, new JdbcTemplate(dataSource),
					environment.getRequiredProperty("spring.application.name"));
		}

	}

	static class IdempotentBatchHandler {

		private final Counting counting;

		private final EventSerializer serializer;

		private final JdbcTemplate jdbc;

		private final String group;

		IdempotentBatchHandler(Counting counting, EventSerializer serializer, JdbcTemplate jdbc, String group) {
			this.counting = counting;
			this.serializer = serializer;
			this.jdbc = jdbc;
			this.group = group;
		}

		@DictameshEventHandler(value = "entity.created", idempotent = true)
		void on(List<Event> events) {
			List<Object[]> effects = new ArrayList<>(events.size());
			List<Product> products = new ArrayList<>(events.size());
			for (Event event : events) {
				Product product = (Product) this.serializer.convertData(event.data(), Product.class);
				products.add(product);
				effects.add(new Object[] { event.eventId(), this.group, product.priceCents() });
			}
			this.jdbc.batchUpdate("INSERT INTO bench_effect (event_id, consumer_group, price_cents) VALUES (?, ?, ?)",
					effects);
			products.forEach(this.counting::add);
		}

	}

	static class BatchHandler {

		private final Counting counting;

		private final EventSerializer serializer;

		BatchHandler(Counting counting, EventSerializer serializer) {
			this.counting = counting;
			this.serializer = serializer;
		}

		@DictameshEventHandler("entity.created")
		void on(List<Event> events) {
			for (Event event : events) {
				this.counting.add((Product) this.serializer.convertData(event.data(), Product.class));
			}
		}

	}

}
