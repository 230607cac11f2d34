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

package com.dictamesh.events.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.kafka.EventHandlerContainers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.awaitility.Awaitility.await;

/**
 * What observing each delivery costs a consumer: the same handler drains the same backlog
 * in groups of its own, with {@code dictamesh.events.consumer.observation-enabled} on
 * (OpenTelemetry, every trace sampled) and off, alternately, in one JVM and one broker.
 * Run with {@code ./mvnw verify -pl dictamesh-spring-boot-autoconfigure
 * -Dmeasurements.excluded=none -Dtest=ConsumerObservationMeasurement}.
 */
@Tag("measurement")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumerObservationMeasurement {

	private static final int EVENTS = 50_000;

	private final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);

	@BeforeAll
	void fillTheTopic() throws Exception {
		this.broker.afterPropertiesSet();
		try (ConfigurableApplicationContext publisher = application("publisher", false, false, 1.0)) {
			EventPublisher events = publisher.getBean(EventPublisher.class);
			List<CompletableFuture<PublishResult>> sent = new ArrayList<>(EVENTS);
			for (int i = 0; i < EVENTS; i++) {
				sent.add(events.entityCreated("product", Integer.toString(i % 1000), Map.of("n", i)));
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
		}
	}

	@AfterAll
	void stopTheBroker() {
		this.broker.destroy();
	}

	@Test
	void observedConsumerKeepsMostOfTheThroughput() {
		List<Double> plain = new ArrayList<>();
		List<Double> allSampled = new ArrayList<>();
		List<Double> tenthSampled = new ArrayList<>();
		// Round 0 warms the JIT and is not counted.
		for (int round = 0; round < 4; round++) {
			double off = drain("plain-" + round, false, 1.0);
			double all = drain("all-sampled-" + round, true, 1.0);
			double tenth = drain("tenth-sampled-" + round, true, 0.1);
			if (round > 0) {
				plain.add(off);
				allSampled.add(all);
				tenthSampled.add(tenth);
			}
		}
		System.out.println();
		System.out.println("Consumer throughput, record handler, in-JVM KRaft broker, " + EVENTS + " events per run");
		System.out.printf("observation off: %s events/s%n", format(plain));
		System.out.printf("observation on, every trace sampled: %s events/s, median ratio %.2f%n", format(allSampled),
				median(allSampled) / median(plain));
		System.out.printf("observation on, 10%% of traces sampled: %s events/s, median ratio %.2f%n",
				format(tenthSampled), median(tenthSampled) / median(plain));
	}

	private double drain(String group, boolean observed, double sampling) {
		try (ConfigurableApplicationContext consumer = application(group, true, observed, sampling)) {
			Counting counting = consumer.getBean(Counting.class);
			consumer.getBean(EventHandlerContainers.class).start();
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> counting.count.get() >= EVENTS);
			return (EVENTS - 1) * 1e9 / (counting.last.get() - counting.first.get());
		}
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private ConfigurableApplicationContext application(String name, boolean handling, boolean observed,
			double sampling) {
		return new SpringApplicationBuilder(handling ? Consumer.class : Publisher.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=" + name,
					"spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
					"dictamesh.events.topics.partitions=1", "dictamesh.events.consumer.auto-startup=false",
					"dictamesh.events.consumer.observation-enabled=" + observed,
					"dictamesh.events.idempotency.store=none", "dictamesh.events.outbox.enabled=false",
					"management.tracing.sampling.probability=" + sampling, "spring.main.banner-mode=off",
					"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
			.run();
	}

	private static String format(List<Double> rates) {
		return String.join(", ", rates.stream().map((rate) -> String.format("%,.0f", rate)).toList());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Publisher {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Consumer {

		@Bean
		Counting counting() {
			return new Counting();
		}

	}

	static class Counting {

		final AtomicInteger count = new AtomicInteger();

		final AtomicLong first = new AtomicLong();

		final AtomicLong last = new AtomicLong();

		@DictameshEventHandler("entity.created")
		void count(Event event) {
			long now = System.nanoTime();
			if (this.count.getAndIncrement() == 0) {
				this.first.set(now);
			}
			this.last.set(now);
		}

	}

}
