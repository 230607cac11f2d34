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
import java.time.Instant;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service on the starter for each way of authenticating that the secure broker speaks:
 * SCRAM-SHA-512 and PLAIN over SASL_SSL, and mutual TLS (its principal the {@code CN} of
 * its certificate). Each is configured through Spring Boot's standard properties alone
 * and granted the ACLs of {@link StarterAcl} and nothing more: an event published
 * directly and one written through the outbox reach the handler, a poison event is
 * dead-lettered, the {@code kafka} and consumer-lag indicators (the starter's admin
 * client, on the same security) are UP with their figures, the {@code dictamesh} endpoint
 * shows the group and its dead letters, and no log line or endpoint answer holds a secret
 * of the run. Their events are Avro, with a registry secret set, so that the scan looks
 * for that secret too.
 */
@ExtendWith(SecureBrokerExtension.class)
class SecureMechanismsIntegrationTests {

	/**
	 * SASL SCRAM-SHA-512 over TLS, as a user created for the test, with the starter's
	 * default topic prefix.
	 */
	@Nested
	class Scram extends MechanismTests {

		private static final String NAME = "scram-app";

		private static final String PASSWORD = NAME + " SCRAM password";

		Scram() {
			super(NAME, "dictamesh.", "spring.kafka.properties.sasl.jaas.config", List
				.of("security.protocol = SASL_SSL", "sasl.mechanism = SCRAM-SHA-512", "sasl.jaas.config = [hidden]"),
					PASSWORD);
		}

		@Override
		ClientSecurity security(SecureKafkaBroker broker) throws Exception {
			String password = TestSecrets.password(PASSWORD);
			broker.createUser(NAME, password);
			return broker.scram(NAME, password);
		}

	}

	/**
	 * SASL PLAIN over TLS, as the broker's PLAIN user.
	 */
	@Nested
	class Plain extends MechanismTests {

		Plain() {
			super(SecureKafkaBroker.PLAIN_USER, "plain.", "spring.kafka.properties.sasl.jaas.config",
					List.of("security.protocol = SASL_SSL", "sasl.mechanism = PLAIN", "sasl.jaas.config = [hidden]"),
					SecureKafkaBroker.PLAIN_USER + " PLAIN password");
		}

		@Override
		ClientSecurity security(SecureKafkaBroker broker) {
			return broker.plain();
		}

	}

	/**
	 * Mutual TLS, with a client certificate the run's CA signed for {@code CN=mtls-app}:
	 * no password but the key store's, and a principal the broker takes from the
	 * certificate.
	 */
	@Nested
	class MutualTls extends MechanismTests {

		private static final String NAME = "mtls-app";

		MutualTls() {
			super(NAME, "mtls.", "spring.kafka.ssl.key-store-password",
					List.of("security.protocol = SSL", "ssl.keystore.password = [hidden]", "client-" + NAME + ".p12"),
					NAME + " client key store password");
		}

		@Override
		ClientSecurity security(SecureKafkaBroker broker) throws Exception {
			return broker.createCertificate(NAME);
		}

	}

	/**
	 * The checks, run once per mechanism with a service of its own.
	 */
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	abstract static class MechanismTests {

		private static final Duration WAIT = Duration.ofSeconds(30);

		private final String name;

		private final String prefix;

		private final String secretProperty;

		private final List<String> loggedClientConfig;

		private final String secretName;

		private @Nullable ClientSecurity security;

		private SecureApplication.@Nullable Running service;

		private @Nullable Instant started;

		private @Nullable String published;

		private @Nullable String poison;

		private final List<ActuatorHttp.Answer> writeAnswers = new ArrayList<>();

		/**
		 * Create the checks of a mechanism.
		 * @param name the service's name, its consumer group and the name its principal
		 * has
		 * @param prefix the service's topic prefix
		 * @param secretProperty the Spring Boot property that holds the mechanism's
		 * secret
		 * @param loggedClientConfig lines of the Kafka clients' logged configuration that
		 * show the mechanism was used with its secret hidden
		 * @param secretName the name of the mechanism's secret in {@link TestSecrets}
		 */
		MechanismTests(String name, String prefix, String secretProperty, List<String> loggedClientConfig,
				String secretName) {
			this.name = name;
			this.prefix = prefix;
			this.secretProperty = secretProperty;
			this.loggedClientConfig = loggedClientConfig;
			this.secretName = secretName;
		}

		/**
		 * Return how the service reaches the broker.
		 * @param broker the broker
		 * @return the service's security
		 * @throws Exception if its credentials cannot be made
		 */
		abstract ClientSecurity security(SecureKafkaBroker broker) throws Exception;

		@BeforeAll
		void startService(SecureKafkaBroker broker) throws Exception {
			ClientSecurity security = security(broker);
			this.security = security;
			assertThat(security.principal()).isEqualTo("User:" + this.name);
			broker.grant(
					StarterAcl.bindings(EnumSet.allOf(StarterAcl.class), security.principal(), this.prefix, this.name));
			String registrySecret = TestSecrets.password(this.name + " schema registry basic-auth secret");
			this.service = SecureApplication.start(this.name, security,
					Map.of("dictamesh.events.topics.prefix", this.prefix, "dictamesh.events.serialization.format",
							"avro", "dictamesh.events.avro.registry-url", "mock://" + this.name,
							"dictamesh.events.avro.basic-auth-credentials-source", "USER_INFO",
							"dictamesh.events.avro.basic-auth-user-info", "registry-user:" + registrySecret,
							"dictamesh.events.endpoint.write-operations-enabled", true));
			this.started = Instant.now();
		}

		@AfterAll
		void stopService() {
			if (this.service != null) {
				this.service.close();
			}
		}

		@Test
		@Order(1)
		void publishedEventReachesItsHandler() throws Exception {
			PublishResult published = service().bean(EventPublisher.class)
				.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "o-1").build())
				.get(30, TimeUnit.SECONDS);
			assertThat(published.topic()).isEqualTo(eventsTopic());
			SecureHandlers handlers = service().bean(SecureHandlers.class);
			await().atMost(WAIT).until(() -> handlers.received.containsKey(published.event().eventId()));
			this.published = published.event().eventId();
		}

		@Test
		@Order(2)
		void outboxRelayPublishesTheEventItsTransactionWrote() {
			Event event = service().bean(OutboxEventPublisher.class)
				.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "o-2").build());
			SecureHandlers handlers = service().bean(SecureHandlers.class);
			await().atMost(WAIT).until(() -> handlers.received.containsKey(event.eventId()));
		}

		@Test
		@Order(3)
		void recordOfAHandlerThatAlwaysFailsIsDeadLettered() throws Exception {
			String eventId = service().bean(EventPublisher.class)
				.publish(Event.builder(SecureApplication.POISON).entity("order", "o-3").build())
				.get(30, TimeUnit.SECONDS)
				.event()
				.eventId();
			this.poison = eventId;
			// Read back as the service's own principal, without a group: its ACLs let
			// it.
			Map<String, Object> configs = security().clientConfigs();
			configs.put(ConsumerConfig.CLIENT_ID_CONFIG, this.name + "-test-dead-letter-reader");
			String deadLetterTopic = this.prefix + "dead-letter";
			List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
			try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(),
					new ByteArrayDeserializer())) {
				List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30))
					.stream()
					.map((partition) -> new TopicPartition(deadLetterTopic, partition.partition()))
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
			assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(eventsTopic());
			assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("Handler always fails");
			assertThat(header(deadLetter, EventHeaders.DLT_ATTEMPTS)).isEqualTo("2");
			assertThat(service().bean(SecureHandlers.class).poisonCalls).containsEntry(eventId, 2);
		}

		@Test
		@Order(4)
		void healthShowsKafkaAndConsumerLagUpWithTheirFigures() throws Exception {
			ActuatorHttp http = service().http();
			await().atMost(WAIT).untilAsserted(() -> {
				ActuatorHttp.Answer kafka = http.get("/actuator/health/kafka");
				assertThat(kafka.healthStatus()).as(kafka.text()).isEqualTo("UP");
			});
			JsonNode kafka = http.get("/actuator/health/kafka").json().path("details");
			assertThat(kafka.path("clusterId").asString()).isNotBlank();
			assertThat(kafka.path("nodes").asInt()).isEqualTo(1);
			assertThat(service().accessDenied()).isEmpty();
			// The handlers committed what they handled: the lag, read by the admin
			// client with the service's security, has the committed offset of the
			// events topic at its end.
			await().atMost(WAIT).untilAsserted(() -> {
				ActuatorHttp.Answer summary = http.get("/actuator/dictamesh");
				JsonNode partition = lagOf(summary, eventsTopic());
				assertThat(partition.path("committedOffset").asLong(-1)).as("committed offset in %s", summary.text())
					.isPositive()
					.isEqualTo(partition.path("endOffset").asLong());
			});
			await().atMost(WAIT).untilAsserted(() -> {
				ActuatorHttp.Answer lag = http.get("/actuator/health/dictameshConsumerLag");
				assertThat(lag.healthStatus()).as(lag.text()).isEqualTo("UP");
				assertThat(lag.json().path("details").path("groups").toString()).contains(this.name);
				assertThat(lag.json().path("details").path("totalLag").asLong(-1)).as(lag.text()).isZero();
			});
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
			assertThat(group.path("group").asString()).isEqualTo(this.name);
			assertThat(group.path("state").asString()).isEqualTo("running");
			assertThat(summary.json().path("lag").path("available").asBoolean()).as("lag: %s", summary.text()).isTrue();
			await().atMost(WAIT)
				.until(() -> http.get("/actuator/dictamesh/dead-letters").text().contains(SecureApplication.POISON));
			assertThat(http.get("/actuator/dictamesh/dead-letters").status()).isEqualTo(200);
		}

		@Test
		@Order(6)
		void redriveSendsTheDeadLetterBackToItsTopic() throws Exception {
			String eventId = recorded(this.poison, "the dead-lettered event");
			SecureHandlers handlers = service().bean(SecureHandlers.class);
			await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(handlers.poisonCalls.get(eventId)));
			ActuatorHttp.Answer redrive = service().http()
				.post("/actuator/dictamesh/redrive", Map.of("eventIds", eventId));
			this.writeAnswers.add(redrive);
			assertThat(redrive.status()).as(redrive.text()).isEqualTo(200);
			JsonNode redriven = redrive.json().path("redriven");
			assertThat(redriven.size()).as(redrive.text()).isOne();
			assertThat(redriven.path(0).path("topic").asString()).isEqualTo(eventsTopic());
			assertThat(redriven.path(0).path("redriveCount").asInt()).isOne();
			// The handler still fails: two more attempts, then a dead letter again.
			await().atMost(WAIT).until(() -> Integer.valueOf(4).equals(handlers.poisonCalls.get(eventId)));
			assertThat(service().accessDenied()).isEmpty();
		}

		@Test
		@Order(7)
		void replayMovesTheGroupBackAndItsHandlerReceivesTheEventAgain() throws Exception {
			String eventId = recorded(this.published, "the published event");
			SecureHandlers handlers = service().bean(SecureHandlers.class);
			assertThat(handlers.received).containsEntry(eventId, 1);
			ActuatorHttp.Answer replay = service().http()
				.post("/actuator/dictamesh/replay", Map.of("group", this.name, "topic", eventsTopic(), "timestamp",
						recorded(this.started, "the service's start").toString()));
			this.writeAnswers.add(replay);
			assertThat(replay.status()).as(replay.text()).isEqualTo(200);
			assertThat(replay.json().path("offsets").path(0).path("offset").asLong(-1)).as(replay.text()).isZero();
			await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(handlers.received.get(eventId)));
			assertThat(
					service().http().get("/actuator/dictamesh").json().path("groups").path(0).path("state").asString())
				.isEqualTo("running");
			assertThat(service().accessDenied()).isEmpty();
		}

		@Test
		@Order(8)
		void noSecretOfTheRunInTheLogOrTheEndpoints() throws Exception {
			List<ActuatorHttp.Answer> answers = new ArrayList<>();
			for (String path : List.of("/actuator/health", "/actuator/dictamesh", "/actuator/dictamesh/dead-letters",
					"/actuator/env", "/actuator/env/" + this.secretProperty, "/actuator/configprops")) {
				answers.add(service().http().get(path));
			}
			// Not a vacuous scan: the secret is one the scan looks for, the clients
			// logged their configuration with it, and the endpoints name its key.
			assertThat(TestSecrets.all()).containsValue(this.secretName);
			assertThat(service().log()).contains(this.loggedClientConfig).contains("Dead-lettering record");
			assertThat(answers.get(4).status()).isEqualTo(200);
			assertThat(answers.get(4).json().path("property").path("value").asString()).isEqualTo("******");
			assertThat(answers.get(5).text()).contains("trust-store-password", "basic-auth-user-info");
			SecretScan.assertNoSecret("the service's log", service().log());
			assertThat(this.writeAnswers).hasSize(2);
			answers.addAll(this.writeAnswers);
			answers.forEach((answer) -> SecretScan.assertNoSecret(answer.path(), answer.text()));
		}

		private String eventsTopic() {
			return this.prefix + "domain.events";
		}

		private SecureApplication.Running service() {
			assertThat(this.service).as("the service").isNotNull();
			return this.service;
		}

		private static <T> T recorded(@Nullable T value, String what) {
			assertThat(value).as("%s, recorded by an earlier test of the class", what).isNotNull();
			return value;
		}

		private ClientSecurity security() {
			assertThat(this.security).as("the service's security").isNotNull();
			return this.security;
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

	}

}
