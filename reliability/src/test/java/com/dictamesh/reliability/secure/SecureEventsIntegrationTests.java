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
package com.dictamesh.reliability.secure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.kafka.EventHeaders;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import com.dictamesh.reliability.secure.SecureApplication.SecureHandlers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service on the starter against a broker that speaks only SASL_SSL with SCRAM-SHA-512
 * and authorizes with ACLs, configured through Spring Boot's standard properties alone,
 * as {@code User:app} with the ACLs of {@link StarterAcl} and nothing more: it declares
 * its topics, publishes directly and through the outbox, consumes, dead-letters, and
 * reports health and consumer lag read over SASL_SSL. Its events are Avro, with a
 * registry secret set, so that the final scan looks for that secret too: no log line, no
 * endpoint answer holds any secret of the run.
 */
@ExtendWith(SecureBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureEventsIntegrationTests {

	private static final String USER = "app";

	private static final String SERVICE = "secure-app";

	private static final String PREFIX = "dictamesh.";

	private static final String EVENTS_TOPIC = PREFIX + "domain.events";

	private static final String DEAD_LETTER_TOPIC = PREFIX + "dead-letter";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static @Nullable SecureKafkaBroker broker;

	private static @Nullable String password;

	private static SecureApplication.@Nullable Running service;

	@BeforeAll
	static void startService(SecureKafkaBroker secureBroker) throws Exception {
		broker = secureBroker;
		password = TestSecrets.password("app SCRAM password");
		secureBroker.createUser(USER, password);
		secureBroker.grant(StarterAcl.bindings(EnumSet.allOf(StarterAcl.class), "User:" + USER, PREFIX, SERVICE));
		String registrySecret = TestSecrets.password("schema registry basic-auth secret");
		service = SecureApplication.start(secureBroker, SERVICE, USER, password,
				Map.of("dictamesh.events.serialization.format", "avro", "dictamesh.events.avro.registry-url",
						"mock://" + SERVICE, "dictamesh.events.avro.basic-auth-credentials-source", "USER_INFO",
						"dictamesh.events.avro.basic-auth-user-info", "registry-user:" + registrySecret));
	}

	@AfterAll
	static void stopService() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	@Order(1)
	void publishedEventReachesItsHandler() throws Exception {
		PublishResult published = service().bean(EventPublisher.class)
			.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "o-1").build())
			.get(30, TimeUnit.SECONDS);
		assertThat(published.topic()).isEqualTo(EVENTS_TOPIC);
		SecureHandlers handlers = service().bean(SecureHandlers.class);
		await().atMost(WAIT).until(() -> handlers.received.contains(published.event().eventId()));
	}

	@Test
	@Order(2)
	void outboxRelayPublishesTheEventItsTransactionWrote() {
		Event event = service().bean(OutboxEventPublisher.class)
			.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "o-2").build());
		SecureHandlers handlers = service().bean(SecureHandlers.class);
		await().atMost(WAIT).until(() -> handlers.received.contains(event.eventId()));
	}

	@Test
	@Order(3)
	void recordOfAHandlerThatAlwaysFailsIsDeadLettered() throws Exception {
		String eventId = service().bean(EventPublisher.class)
			.publish(Event.builder(SecureApplication.POISON).entity("order", "o-3").build())
			.get(30, TimeUnit.SECONDS)
			.event()
			.eventId();
		// Read back as the service's own user, without a group: its ACLs let it.
		Map<String, Object> configs = broker().clientConfigs(USER, password());
		configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "secure-test-dead-letter-reader");
		List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTER_TOPIC, Duration.ofSeconds(30))
				.stream()
				.map((partition) -> new TopicPartition(DEAD_LETTER_TOPIC, partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			await().atMost(WAIT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(read::add);
				return read.stream().anyMatch((record) -> eventId.equals(header(record, EventHeaders.CE_ID)));
			});
		}
		ConsumerRecord<byte[], byte[]> deadLetter = read.stream()
			.filter((record) -> eventId.equals(header(record, EventHeaders.CE_ID)))
			.findFirst()
			.orElseThrow();
		assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(EVENTS_TOPIC);
		assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("Handler always fails");
		assertThat(header(deadLetter, EventHeaders.DLT_ATTEMPTS)).isEqualTo("2");
	}

	@Test
	@Order(4)
	void healthShowsKafkaAndConsumerLagUpWithTheirFigures() throws Exception {
		ActuatorHttp http = service().http();
		await().atMost(WAIT).until(() -> "UP".equals(http.get("/actuator/health/kafka").healthStatus()));
		JsonNode kafka = http.get("/actuator/health/kafka").json().path("details");
		assertThat(kafka.path("clusterId").asString()).isNotBlank();
		assertThat(kafka.path("nodes").asInt()).isEqualTo(1);
		// The handlers committed what they handled: the lag, read over SASL_SSL, has
		// the committed offset of the events topic at its end.
		await().atMost(WAIT).untilAsserted(() -> {
			ActuatorHttp.Answer summary = http.get("/actuator/dictamesh");
			JsonNode partition = lagOf(summary, EVENTS_TOPIC);
			assertThat(partition.path("committedOffset").asLong(-1)).as("committed offset in %s", summary.text())
				.isPositive()
				.isEqualTo(partition.path("endOffset").asLong());
		});
		ActuatorHttp.Answer lag = http.get("/actuator/health/dictameshConsumerLag");
		assertThat(lag.healthStatus()).isEqualTo("UP");
		assertThat(lag.json().path("details").path("groups").toString()).contains(SERVICE);
		assertThat(lag.json().path("details").path("totalLag").asLong()).isZero();
		JsonNode deadLetters = http.get("/actuator/health/dictameshDeadLetters").json().path("details");
		assertThat(deadLetters.has("error")).as("dead letters: %s", deadLetters).isFalse();
	}

	@Test
	@Order(5)
	void dictameshEndpointShowsTheRunningGroupAndItsDeadLetters() throws Exception {
		ActuatorHttp http = service().http();
		ActuatorHttp.Answer summary = http.get("/actuator/dictamesh");
		assertThat(summary.status()).isEqualTo(200);
		JsonNode group = summary.json().path("groups").path(0);
		assertThat(group.path("group").asString()).isEqualTo(SERVICE);
		assertThat(group.path("state").asString()).isEqualTo("running");
		assertThat(summary.json().path("lag").path("available").asBoolean()).as("lag: %s", summary.text()).isTrue();
		await().atMost(WAIT)
			.until(() -> http.get("/actuator/dictamesh/dead-letters").text().contains(SecureApplication.POISON));
		assertThat(http.get("/actuator/dictamesh/dead-letters").status()).isEqualTo(200);
	}

	@Test
	@Order(6)
	void noSecretOfTheRunInTheLogsOrTheEndpoints() throws Exception {
		List<ActuatorHttp.Answer> answers = new ArrayList<>();
		for (String path : List.of("/actuator/health", "/actuator/dictamesh", "/actuator/dictamesh/dead-letters",
				"/actuator/env", "/actuator/env/spring.kafka.properties.sasl.jaas.config", "/actuator/configprops")) {
			answers.add(service().http().get(path));
		}
		// Not a vacuous scan: the clients' configuration was logged, and the
		// endpoints name the secrets' keys.
		assertThat(service().log()).contains("sasl.jaas.config = [hidden]", "Dead-lettering record");
		// Spring Boot masks every value of env and configprops unless told otherwise
		// (management.endpoint.*.show-values).
		assertThat(answers.get(4).status()).isEqualTo(200);
		assertThat(answers.get(4).json().path("property").path("value").asString()).isEqualTo("******");
		assertThat(answers.get(5).text()).contains("trust-store-password", "basic-auth-user-info");
		SecretScan.assertNoSecret("the service's log", service().log());
		answers.forEach((answer) -> SecretScan.assertNoSecret(answer.path(), answer.text()));
	}

	private static JsonNode lagOf(ActuatorHttp.Answer summary, String topic) {
		for (JsonNode partition : summary.json().path("lag").path("partitions")) {
			if (topic.equals(partition.path("topic").asString())) {
				return partition;
			}
		}
		return MissingNode.getInstance();
	}

	private static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static SecureApplication.Running service() {
		assertThat(service).as("the service").isNotNull();
		return service;
	}

	private static SecureKafkaBroker broker() {
		assertThat(broker).as("the broker").isNotNull();
		return broker;
	}

	private static String password() {
		assertThat(password).as("the password").isNotNull();
		return password;
	}

}
