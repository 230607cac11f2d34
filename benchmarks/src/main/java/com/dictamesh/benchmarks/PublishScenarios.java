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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.autoconfigure.DictameshEventsAutoConfiguration;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.TopicResolver;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * S1 and S2: the starter's {@link EventPublisher} beside a raw {@link KafkaProducer}
 * built from the very settings of the starter's producer (acks=all, idempotence, linger,
 * batch size, compression), sending 1 KB events to the same topic with the same keys. The
 * raw producer sends the bytes of an event serialized once; the publisher builds,
 * serializes and observes each event, as an application's call does.
 */
final class PublishScenarios {

	private static final int KEYS = 1_000;

	private final Settings settings;

	private final String bootstrapServers;

	PublishScenarios(Settings settings, String bootstrapServers) {
		this.settings = settings;
		this.bootstrapServers = bootstrapServers;
	}

	List<Result> run() throws Exception {
		try (ConfigurableApplicationContext application = application(false);
				ConfigurableApplicationContext observed = application(true)) {
			EventPublisher events = application.getBean(EventPublisher.class);
			EventPublisher observedEvents = observed.getBean(EventPublisher.class);
			@SuppressWarnings("unchecked")
			KafkaTemplate<byte[], byte[]> template = application
				.getBean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME, KafkaTemplate.class);
			Map<String, Object> producerSettings = template.getProducerFactory().getConfigurationProperties();
			Product product = Product.ofEventSize(1024, application.getBean(EventSerializer.class));
			byte[] bytes = application.getBean(EventSerializer.class).serialize(event(0, product));
			JsonMapper jsonMapper = application.getBean(JsonMapper.class);
			String topic = application.getBean(TopicResolver.class).topicFor("entity.created");
			Object bootstrapServers = producerSettings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
			int partitions = Leaders.await(topic, bootstrapServers);
			Leaders.prime((i) -> events.publish(event(i, product)), partitions);
			try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(producerSettings)) {
				IntFunction<CompletableFuture<?>> ours = (i) -> events.publish(event(i, product));
				// What a team writes by hand: the same envelope, serialized with Jackson.
				IntFunction<CompletableFuture<?>> handWritten = (i) -> send(raw, topic, i,
						jsonMapper.writeValueAsBytes(event(i, product)));
				// The client's ceiling: bytes serialized once, no envelope built per
				// send.
				IntFunction<CompletableFuture<?>> preSerialized = (i) -> send(raw, topic, i, bytes);
				List<Result> results = new ArrayList<>();
				results.add(throughput("S1", ours, "KafkaProducer + Jackson", handWritten, ">= 0.95"));
				results.add(throughput("S1c", ours, "KafkaProducer, bytes serialized once", preSerialized, ""));
				// What the send observation costs: on with tracing, it adds a timer here.
				IntFunction<CompletableFuture<?>> oursObserved = (i) -> observedEvents.publish(event(i, product));
				results.add(throughput("S1o", oursObserved, "KafkaProducer + Jackson", handWritten, ""));
				results.addAll(latency(ours, handWritten));
				return results;
			}
		}
	}

	private Result throughput(String scenario, IntFunction<CompletableFuture<?>> ours, String baselineName,
			IntFunction<CompletableFuture<?>> baseline, String target) {
		String measure = "publish throughput, 1 KB events, acks=all"
				+ (scenario.equals("S1o") ? ", send observation on (as with tracing)" : "");
		int count = this.settings.publishCount();
		if (this.settings.warmUp()) {
			drain(ours, count / 5);
			drain(baseline, count / 5);
		}
		List<Double> oursRates = new ArrayList<>();
		List<Double> baselineRates = new ArrayList<>();
		for (int r = 0; r < this.settings.repetitions(); r++) {
			baselineRates.add(count * 1e9 / drain(baseline, count));
			oursRates.add(count * 1e9 / drain(ours, count));
		}
		return new Result(scenario, measure, "events/s", new Figures(oursRates), baselineName,
				new Figures(baselineRates), true, target);
	}

	private List<Result> latency(IntFunction<CompletableFuture<?>> ours, IntFunction<CompletableFuture<?>> baseline) {
		if (this.settings.warmUp()) {
			atFixedRate(ours);
			atFixedRate(baseline);
		}
		double[] quantiles = { 0.5, 0.99, 0.999 };
		List<List<Double>> oursMillis = new ArrayList<>();
		List<List<Double>> baselineMillis = new ArrayList<>();
		for (int q = 0; q < quantiles.length; q++) {
			oursMillis.add(new ArrayList<>());
			baselineMillis.add(new ArrayList<>());
		}
		for (int r = 0; r < this.settings.repetitions(); r++) {
			long[] baselineLatencies = atFixedRate(baseline);
			long[] oursLatencies = atFixedRate(ours);
			for (int q = 0; q < quantiles.length; q++) {
				baselineMillis.get(q).add(quantile(baselineLatencies, quantiles[q]) / 1e6);
				oursMillis.get(q).add(quantile(oursLatencies, quantiles[q]) / 1e6);
			}
		}
		String[] names = { "p50", "p99", "p99.9" };
		List<Result> results = new ArrayList<>();
		for (int q = 0; q < quantiles.length; q++) {
			results
				.add(new Result("S2",
						String.format("publish latency %s at %,d events/s, send to ack", names[q],
								this.settings.rate()),
						"ms", new Figures(oursMillis.get(q)), "KafkaProducer + Jackson",
						new Figures(baselineMillis.get(q)), false, (q == 1) ? "<= 1.10" : ""));
		}
		return results;
	}

	/**
	 * Send at the fixed rate and return each event's latency, counted from the moment it
	 * was due rather than sent, so that a stalled sender cannot hide its stall.
	 */
	private long[] atFixedRate(IntFunction<CompletableFuture<?>> send) {
		int count = this.settings.latencyCount();
		long interval = 1_000_000_000L / this.settings.rate();
		long[] latencies = new long[count];
		CompletableFuture<?>[] sent = new CompletableFuture<?>[count];
		long start = System.nanoTime() + interval;
		for (int i = 0; i < count; i++) {
			long due = start + i * interval;
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			int index = i;
			sent[i] = send.apply(i).whenComplete((result, ex) -> latencies[index] = System.nanoTime() - due);
		}
		CompletableFuture.allOf(sent).join();
		return latencies;
	}

	private static double quantile(long[] values, double quantile) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
	}

	private static long drain(IntFunction<CompletableFuture<?>> send, int count) {
		long start = System.nanoTime();
		CompletableFuture<?>[] sent = new CompletableFuture<?>[count];
		for (int i = 0; i < count; i++) {
			sent[i] = send.apply(i);
		}
		CompletableFuture.allOf(sent).join();
		return System.nanoTime() - start;
	}

	private static CompletableFuture<?> send(KafkaProducer<byte[], byte[]> producer, String topic, int i,
			byte[] value) {
		CompletableFuture<Object> acked = new CompletableFuture<>();
		producer.send(new ProducerRecord<>(topic, key(i).getBytes(), value), (metadata, ex) -> {
			if (ex != null) {
				acked.completeExceptionally(ex);
			}
			else {
				acked.complete(metadata);
			}
		});
		return acked;
	}

	private static Event event(int i, Product product) {
		return Event.entityCreated("product", Integer.toString(i % KEYS), product).build();
	}

	private static String key(int i) {
		return "product:" + (i % KEYS);
	}

	/**
	 * The application under measurement: the starter's defaults (no tracer here, so no
	 * send observation), or with the send observation forced on.
	 */
	private ConfigurableApplicationContext application(boolean observed) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(Publisher.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=benchmarks", "spring.kafka.bootstrap-servers=" + this.bootstrapServers,
					"dictamesh.events.outbox.enabled=false", "dictamesh.events.idempotency.store=none",
					"spring.main.banner-mode=off", "logging.level.root=warn",
					"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
		if (observed) {
			builder.properties("dictamesh.events.producer.observation-enabled=true");
		}
		return builder.run();
	}

	/**
	 * The application under measurement: the starter with its defaults.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Publisher {

	}

	/**
	 * The event's data, padded to give the serialized event a chosen size.
	 *
	 * @param sku the product's SKU
	 * @param name the product's name
	 * @param description the padding
	 * @param priceCents the price
	 */
	record Product(String sku, String name, String description, long priceCents) {

		static Product ofEventSize(int bytes, EventSerializer serializer) {
			Product empty = new Product("SKU-000001", "Desk lamp", "", 4990);
			int overhead = serializer.serialize(event(0, empty)).length;
			return new Product(empty.sku(), empty.name(), "x".repeat(Math.max(0, bytes - overhead)),
					empty.priceCents());
		}

	}

}
