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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.dictamesh.benchmarks.PublishScenarios.Product;
import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.autoconfigure.DictameshEventsAutoConfiguration;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.TopicResolver;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * S3: a topic filled once, then drained by a consumer group of its own per repetition: a
 * {@code @DictameshEventHandler} method (record by record, with and without the delivery
 * observation, and as a batch handler) beside a raw {@link KafkaConsumer} loop doing the
 * same work: read the envelope with Jackson, bind its data to the product, and commit
 * after each poll. Each figure counts from the first record handled to the last, so
 * start-up and group joins are left out on both sides.
 */
final class ConsumeScenarios {

	private static final String PREFIX = "bench-consume.";

	private final Settings settings;

	private final String bootstrapServers;

	private int groups;

	ConsumeScenarios(Settings settings, String bootstrapServers) {
		this.settings = settings;
		this.bootstrapServers = bootstrapServers;
	}

	List<Result> run() throws Exception {
		int count = this.settings.consumeCount();
		try (ConfigurableApplicationContext filler = application(Filler.class, "bench-filler", false)) {
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
			// Warm-ups, not counted.
			raw(topic, consumerSettings, jsonMapper);
			handled(RecordConsumer.class, false);
			handled(BatchConsumer.class, false);
			List<Double> raw = new ArrayList<>();
			List<Double> record = new ArrayList<>();
			List<Double> observed = new ArrayList<>();
			List<Double> batch = new ArrayList<>();
			for (int r = 0; r < this.settings.repetitions(); r++) {
				raw.add(raw(topic, consumerSettings, jsonMapper));
				record.add(handled(RecordConsumer.class, false));
				observed.add(handled(RecordConsumer.class, true));
				batch.add(handled(BatchConsumer.class, false));
			}
			String baseline = "KafkaConsumer loop + Jackson";
			return List.of(
					new Result("S3", "consume throughput, record handler", "events/s", new Figures(record), baseline,
							new Figures(raw), true, ">= 0.85"),
					new Result("S3", "consume throughput, record handler, delivery observation on (as with tracing)",
							"events/s", new Figures(observed), baseline, new Figures(raw), true, ">= 0.70"),
					new Result("S3", "consume throughput, batch handler", "events/s", new Figures(batch), baseline,
							new Figures(raw), true, ">= 0.95"));
		}
	}

	private double raw(String topic, Map<String, Object> consumerSettings, JsonMapper jsonMapper) {
		int count = this.settings.consumeCount();
		Map<String, Object> settings = new HashMap<>(consumerSettings);
		settings.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + (++this.groups));
		settings.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
		settings.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		Counting counting = new Counting();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (counting.count.get() < count) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
				for (ConsumerRecord<byte[], byte[]> record : records) {
					Event event = jsonMapper.readValue(record.value(), Event.class);
					counting.add(jsonMapper.convertValue(event.data(), Product.class));
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

	private double handled(Class<?> consumer, boolean observed) throws InterruptedException {
		int count = this.settings.consumeCount();
		try (ConfigurableApplicationContext application = application(consumer, "bench-handler-" + (++this.groups),
				observed)) {
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
	}

	private ConfigurableApplicationContext application(Class<?> source, String name, boolean observed) {
		return new SpringApplicationBuilder(source).web(WebApplicationType.NONE)
			.properties("spring.application.name=" + name, "spring.kafka.bootstrap-servers=" + this.bootstrapServers,
					"dictamesh.events.topics.prefix=" + PREFIX, "dictamesh.events.consumer.auto-startup=false",
					"dictamesh.events.consumer.observation-enabled=" + observed,
					"dictamesh.events.outbox.enabled=false", "dictamesh.events.idempotency.store=none",
					"spring.main.banner-mode=off", "logging.level.root=warn",
					"logging.level.org.apache.kafka.clients.producer.internals.Sender=error",
					"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
			.run();
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
