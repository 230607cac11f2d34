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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import com.dictamesh.reliability.secure.SecureApplication.SecureHandlers;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A service whose principal lacks an ACL it needs: the missing ACL shows in the
 * {@code kafka} health indicator and in one log line, with the command that grants it,
 * and the service heals once it is granted, without a restart.
 */
@ExtendWith(SecureBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureAccessDeniedIntegrationTests {

	private static final String USER = "denied-app";

	private static final String PREFIX = "denied.";

	private static final String EVENTS_TOPIC = PREFIX + "domain.events";

	private static final String DEAD_LETTER_TOPIC = PREFIX + "dead-letter";

	private static final String PRINCIPAL = "User:" + USER;

	private static final Duration WAIT = Duration.ofSeconds(45);

	private static @Nullable SecureKafkaBroker broker;

	private static SecureApplication.@Nullable Running service;

	private static @Nullable Event relayed;

	@BeforeAll
	static void startServiceWithoutWriteOnItsEventsNorReadOnItsGroup(SecureKafkaBroker secureBroker) throws Exception {
		broker = secureBroker;
		String password = TestSecrets.password("denied-app SCRAM password");
		secureBroker.createUser(USER, password);
		// It may read and create its topics and write its dead letters: not write its
		// events, not join its group.
		secureBroker.grant(List.of(StarterAcl.READ_TOPICS.binding(PRINCIPAL, PREFIX, USER),
				StarterAcl.CREATE_TOPICS.binding(PRINCIPAL, PREFIX, USER), topicWrite(DEAD_LETTER_TOPIC)));
		service = SecureApplication.start(secureBroker, USER, USER, password,
				Map.of("dictamesh.events.topics.prefix", PREFIX, "dictamesh.events.outbox.relay.max-backoff", "2s"));
	}

	@AfterAll
	static void stopService() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	@Order(1)
	void aTopicThePrincipalMayNotWriteFailsThePublishAndShowsInHealthWithItsGrant() throws Exception {
		EventPublisher publisher = service().bean(EventPublisher.class);
		for (int i = 0; i < 3; i++) {
			CompletableFuture<PublishResult> published = publisher
				.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "o-" + i).build());
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> published.get(30, TimeUnit.SECONDS))
				.havingRootCause()
				.isInstanceOf(TopicAuthorizationException.class);
		}
		JsonNode denial = awaitDenial("publisher", "topic", EVENTS_TOPIC);
		assertThat(denial.path("operation").asString()).isEqualTo("WRITE");
		assertThat(denial.path("principal").asString()).isEqualTo(PRINCIPAL);
		assertThat(denial.path("fix").asString()).isEqualTo("Grant it: kafka-acls.sh --bootstrap-server <brokers> "
				+ "--add --allow-principal " + PRINCIPAL + " --operation WRITE --topic " + EVENTS_TOPIC);
		assertThat(service().http().get("/actuator/health/kafka").status()).isEqualTo(503);
		// Logged once, however often it happens.
		assertThat(service().log()
			.lines()
			.filter((line) -> line
				.contains("Kafka denied publisher (" + PRINCIPAL + ") WRITE on topic '" + EVENTS_TOPIC + "'")))
			.hasSize(1)
			.allSatisfy((line) -> assertThat(line).contains("ERROR"));
		// An event written through the outbox meanwhile waits in its table.
		relayed = service().bean(OutboxEventPublisher.class)
			.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "o-outbox").build());
	}

	@Test
	@Order(2)
	void aGroupThePrincipalMayNotReadShowsInHealthWhileItsContainerRetries() throws Exception {
		JsonNode denial = awaitDenial("consumer group '" + USER + "'", "group", USER);
		assertThat(denial.path("operation").asString()).isEqualTo("READ");
		assertThat(denial.path("fix").asString()).endsWith("--operation READ --group " + USER);
		assertThat(service().log())
			.contains("Kafka denied consumer group '" + USER + "' (" + PRINCIPAL + ") READ on group '" + USER + "'");
		// The group is what the dictamesh endpoint lists too.
		assertThat(service().http().get("/actuator/dictamesh").json().path("accessDenied").toString()).contains(USER);
	}

	@Test
	@Order(3)
	void grantingTheMissingAclsHealsTheServiceWithoutARestart() throws Exception {
		broker().grant(List.of(StarterAcl.WRITE_TOPICS.binding(PRINCIPAL, PREFIX, USER),
				StarterAcl.READ_GROUP.binding(PRINCIPAL, PREFIX, USER)));
		SecureHandlers handlers = service().bean(SecureHandlers.class);
		// The relay publishes the waiting row, and the container, retrying, consumes it.
		await().atMost(WAIT).until(() -> handlers.received.containsKey(event().eventId()));
		PublishResult published = service().bean(EventPublisher.class)
			.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "o-after").build())
			.get(30, TimeUnit.SECONDS);
		await().atMost(WAIT).until(() -> handlers.received.containsKey(published.event().eventId()));
		await().atMost(WAIT).untilAsserted(() -> {
			ActuatorHttp.Answer kafka = service().http().get("/actuator/health/kafka");
			assertThat(kafka.healthStatus()).as(kafka.text()).isEqualTo("UP");
		});
		assertThat(service().log()).contains("Kafka allows publisher again on topic '" + EVENTS_TOPIC + "'",
				"Kafka allows consumer group '" + USER + "' again");
	}

	@Test
	@Order(4)
	void aDeadLetterTopicThePrincipalMayNotWriteShowsInHealthUntilGranted() throws Exception {
		broker()
			.revoke(List.of(StarterAcl.WRITE_TOPICS.binding(PRINCIPAL, PREFIX, USER), topicWrite(DEAD_LETTER_TOPIC)));
		broker().grant(List.of(topicWrite(EVENTS_TOPIC)));
		String poison = service().bean(EventPublisher.class)
			.publish(Event.builder(SecureApplication.POISON).entity("order", "o-poison").build())
			.get(30, TimeUnit.SECONDS)
			.event()
			.eventId();
		JsonNode denial = awaitDenial("publisher", "topic", DEAD_LETTER_TOPIC);
		assertThat(denial.path("operation").asString()).isEqualTo("WRITE");
		String deadLettering = "Dead-lettering record " + EVENTS_TOPIC;
		await().atMost(WAIT)
			.until(() -> service().log().lines().filter((line) -> line.contains(deadLettering)).count() >= 3);
		broker().grant(List.of(topicWrite(DEAD_LETTER_TOPIC)));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(service().http().get("/actuator/dictamesh/dead-letters").text()).contains(poison));
		await().atMost(WAIT).untilAsserted(() -> assertThat(service().accessDenied()).isEmpty());
		// The dead letter was sent three times or more, the handler called only for its
		// two attempts: a failed dead-letter send does not run it again.
		assertThat(service().bean(SecureHandlers.class).poisonCalls).containsEntry(poison, 2);
		assertThat(service().http().get("/actuator/dictamesh/dead-letters").text()).contains("\"attempts\":2");
	}

	@Test
	@Order(5)
	void noSecretOfTheRunInTheLogOrTheEndpoints() throws Exception {
		SecretScan.assertNoSecret("the service's log", service().log());
		for (String path : List.of("/actuator/health", "/actuator/dictamesh")) {
			ActuatorHttp.Answer answer = service().http().get(path);
			SecretScan.assertNoSecret(answer.path(), answer.text());
		}
	}

	private static AclBinding topicWrite(String topic) {
		return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
				new AccessControlEntry(PRINCIPAL, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
	}

	private static JsonNode awaitDenial(String client, String resourceType, String resource) {
		List<JsonNode> found = new ArrayList<>();
		await().atMost(WAIT).untilAsserted(() -> {
			found.clear();
			service().accessDenied()
				.stream()
				.filter((denial) -> client.equals(denial.path("client").asString())
						&& resourceType.equals(denial.path("resourceType").asString())
						&& resource.equals(denial.path("resource").asString()))
				.forEach(found::add);
			assertThat(found).as("denial of %s on %s %s", client, resourceType, resource).hasSize(1);
		});
		return found.get(0);
	}

	private static SecureApplication.Running service() {
		assertThat(service).as("the service").isNotNull();
		return service;
	}

	private static SecureKafkaBroker broker() {
		assertThat(broker).as("the broker").isNotNull();
		return broker;
	}

	private static Event event() {
		assertThat(relayed).as("the event written through the outbox").isNotNull();
		return relayed;
	}

}
