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

package com.dictamesh.events.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.NonRetryableEventException;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Actuator health JSON and the Micrometer meters of an application with handlers, an
 * outbox whose relay is off, a real broker and a real HTTP server.
 */
@SpringBootTest(classes = HealthIntegrationTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=health-app", "dictamesh.events.topics.partitions=2",
				"dictamesh.events.topics.routes[health.*]=health-events", "dictamesh.events.retry.max-attempts=1",
				"dictamesh.events.health.refresh-interval=200ms", "dictamesh.events.health.timeout=5s",
				"dictamesh.events.health.lag-threshold=5", "dictamesh.events.health.outbox-age-threshold=1s",
				"dictamesh.events.outbox.relay.enabled=false", "dictamesh.events.outbox.transaction-required=false",
				"spring.datasource.url=jdbc:h2:mem:health-it;DB_CLOSE_DELAY=-1",
				"spring.kafka.listener.observation-enabled=true", "management.endpoint.health.show-details=always",
				"management.endpoints.web.exposure.include=health,metrics" })
@EmbeddedKafka
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private OutboxEventPublisher outbox;

	@Autowired
	private HealthHandlers handlers;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private EventHandlerContainers containers;

	@AfterAll
	void releaseTheSlowHandler() {
		this.handlers.release.countDown();
	}

	@Test
	void kafkaIsUpWithTheClusterDetailsWhenTheBrokerAnswers() throws Exception {
		HealthHttp http = new HealthHttp(this.port);
		await().atMost(WAIT).until(() -> "UP".equals(http.get("/actuator/health/kafka").healthStatus()));
		HealthHttp.Answer kafka = http.get("/actuator/health/kafka");
		assertThat(kafka.status()).isEqualTo(200);
		assertThat(kafka.body().path("details").path("clusterId").asString()).isNotBlank();
		assertThat(kafka.body().path("details").path("nodes").asInt()).isEqualTo(1);
		assertThat(kafka.body().path("details").path("measuredAt").asString()).isNotBlank();
		JsonNode components = http.get("/actuator/health").body().path("components");
		assertThat(components.has("kafka")).isTrue();
		assertThat(components.has("dictameshConsumerLag")).isTrue();
		assertThat(components.has("dictameshOutbox")).isTrue();
		assertThat(components.has("dictameshDeadLetters")).isTrue();
	}

	@Test
	void consumerLagOverTheThresholdTurnsTheIndicatorDownWithTheWorstPartitions() throws Exception {
		String entity = UUID.randomUUID().toString();
		for (int i = 0; i < 20; i++) {
			this.publisher.publish(Event.builder("health.lagging").entity("queue", entity).build())
				.get(30, TimeUnit.SECONDS);
		}
		HealthHttp http = new HealthHttp(this.port);
		await().atMost(WAIT)
			.until(() -> http.get("/actuator/health/dictameshConsumerLag")
				.body()
				.path("details")
				.path("worstPartitions")
				.path(0)
				.path("lag")
				.asLong() >= 19);
		HealthHttp.Answer lag = http.get("/actuator/health/dictameshConsumerLag");
		assertThat(lag.healthStatus()).isEqualTo("DOWN");
		assertThat(lag.status()).isEqualTo(503);
		JsonNode details = lag.body().path("details");
		assertThat(details.path("threshold").asLong()).isEqualTo(5);
		assertThat(details.path("maxLag").asLong()).isGreaterThanOrEqualTo(19);
		assertThat(details.path("groups").toString()).contains("slow-group", "health-app");
		JsonNode worst = details.path("worstPartitions").path(0);
		assertThat(worst.path("group").asString()).isEqualTo("slow-group");
		assertThat(worst.path("topic").asString()).isEqualTo("health-events");
		assertThat(worst.path("endOffset").asLong()).isGreaterThanOrEqualTo(20);
		// The figure is cached: a probe answers at once even while the broker is asked.
		assertThat(lag.elapsed()).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void outboxBacklogOlderThanTheThresholdTurnsTheIndicatorDownWithPendingCountAndAge() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.outbox.publish(Event.builder("health.outboxed").entity("order", "o" + i).build());
		}
		HealthHttp http = new HealthHttp(this.port);
		await().atMost(WAIT).until(() -> "DOWN".equals(http.get("/actuator/health/dictameshOutbox").healthStatus()));
		JsonNode details = http.get("/actuator/health/dictameshOutbox").body().path("details");
		assertThat(details.path("pending").asLong()).isEqualTo(3);
		assertThat(Duration.parse(details.path("oldestAge").asString())).isGreaterThan(Duration.ofSeconds(1));
		assertThat(details.path("ageThreshold").asString()).isEqualTo("PT1S");
		assertThat(details.path("oldestCreatedAt").asString()).isNotBlank();
	}

	@Test
	void deadLettersAreCountedWithTheNewestSummarized() throws Exception {
		List<String> ids = IntStream.range(0, 2)
			.mapToObj((i) -> this.publisher.publish(Event.builder("health.poison").entity("bad", "b" + i).build()))
			.map((sent) -> sent.join().event().eventId())
			.toList();
		HealthHttp http = new HealthHttp(this.port);
		await().atMost(WAIT).until(() -> {
			String newest = http.get("/actuator/health/dictameshDeadLetters").body().path("details").toString();
			return ids.stream().allMatch(newest::contains);
		});
		HealthHttp.Answer deadLetters = http.get("/actuator/health/dictameshDeadLetters");
		assertThat(deadLetters.healthStatus()).isEqualTo("DOWN");
		JsonNode details = deadLetters.body().path("details");
		assertThat(details.path("count").asLong()).isGreaterThanOrEqualTo(2);
		JsonNode summary = details.path("newest").path(0);
		assertThat(summary.path("eventType").asString()).isEqualTo("health.poison");
		assertThat(summary.path("exception").asString()).isEqualTo(NonRetryableEventException.class.getName());
		assertThat(summary.path("message").asString()).contains("bad input");
		assertThat(summary.path("originalTopic").asString()).isEqualTo("health-events");
		assertThat(summary.path("topic").asString()).isEqualTo("dictamesh.dead-letter");
	}

	@Test
	void metricsCarryTheDocumentedNamesAndTagsAfterTraffic() throws Exception {
		String id = this.publisher.publish(Event.builder("health.ok").entity("thing", "t1").build())
			.get(30, TimeUnit.SECONDS)
			.event()
			.eventId();
		this.publisher.publish(Event.builder("health.poison").entity("bad", "m1").build()).get(30, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> this.handlers.handled.contains(id));
		await().atMost(WAIT)
			.until(() -> this.registry.find("dictamesh.events.dead-lettered")
				.tag("group", "poison-group")
				.counter() != null);

		assertThat(this.registry.get("dictamesh.events.published")
			.tags("type", "health.ok", "topic", "health-events", "outcome", "success")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		Timer latency = this.registry.get("dictamesh.events.publish.latency")
			.tags("type", "health.ok", "topic", "health-events", "outcome", "success")
			.timer();
		assertThat(latency.count()).isGreaterThanOrEqualTo(1);
		assertThat(latency.takeSnapshot().percentileValues()).hasSize(3);
		await().atMost(WAIT)
			.until(() -> this.registry.find("dictamesh.events.handler.duration")
				.tags("group", "health-app", "type", "health.ok", "outcome", "success")
				.timer() != null);
		Timer handler = this.registry.get("dictamesh.events.handler.duration")
			.tags("group", "health-app", "type", "health.ok", "outcome", "success")
			.timer();
		assertThat(handler.getId().getTag("handler")).isEqualTo("HealthHandlers.onOk");
		assertThat(this.registry.get("dictamesh.events.handler.duration")
			.tags("group", "poison-group", "type", "health.poison", "outcome", "failure")
			.timer()
			.count()).isGreaterThanOrEqualTo(1);
		assertThat(this.registry.get("dictamesh.events.dead-lettered")
			.tags("group", "poison-group", "topic", "health-events", "type", "health.poison", "handler",
					"HealthHandlers.onPoison")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
		await().atMost(WAIT)
			.until(() -> this.registry.find("dictamesh.consumer.lag")
				.tags("group", "health-app", "topic", "health-events")
				.gauges()
				.size() == 2);
		assertThat(this.registry.get("dictamesh.consumer.lag").tag("partition", "0").gauges()).isNotEmpty();
		assertThat(this.registry.get("dictamesh.outbox.pending").gauge()).isNotNull();
		assertThat(this.registry.get("dictamesh.outbox.oldest.age").timeGauge()).isNotNull();
		assertThat(this.registry.get("dictamesh.dead-letters").gauge()).isNotNull();
		// Boot's Kafka client metrics reach the starter's own producer and consumers.
		Set<String> names = this.registry.getMeters()
			.stream()
			.map(Meter::getId)
			.map(Meter.Id::getName)
			.collect(java.util.stream.Collectors.toSet());
		assertThat(names).anyMatch((name) -> name.startsWith("kafka.producer."));
		assertThat(this.registry.getMeters()).anyMatch((meter) -> meter.getId().getName().startsWith("kafka.consumer.")
				&& String.valueOf(meter.getId().getTag("client.id")).contains("poison-group"));
		HealthHttp.Answer published = new HealthHttp(this.port).get("/actuator/metrics/dictamesh.events.published");
		assertThat(published.status()).isEqualTo(200);
		assertThat(published.body().path("availableTags").toString()).contains("\"type\"", "\"topic\"", "\"outcome\"");
	}

	@Test
	void springKafkaListenerObservationReachesTheHandlerContainers() {
		assertThat(this.containers.getContainers().get("health-app").getContainerProperties().isObservationEnabled())
			.isTrue();
	}

	static class HealthHandlers {

		final CountDownLatch release = new CountDownLatch(1);

		final Set<String> handled = ConcurrentHashMap.newKeySet();

		@DictameshEventHandler("health.ok")
		void onOk(Event event) {
			this.handled.add(event.eventId());
		}

		@DictameshEventHandler(types = "health.lagging", groupId = "slow-group")
		void onLagging(Event event) throws InterruptedException {
			// Hold the group's only consumer so that its lag grows.
			this.release.await(2, TimeUnit.MINUTES);
		}

		@DictameshEventHandler(types = "health.poison", groupId = "poison-group")
		void onPoison(Event event) {
			throw new NonRetryableEventException("bad input in " + event.entityId());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		HealthHandlers healthHandlers() {
			return new HealthHandlers();
		}

	}

}
