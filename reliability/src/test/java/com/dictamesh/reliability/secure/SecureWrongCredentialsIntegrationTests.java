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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.kafka.EventHandlerContainers;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What a user sees of a service on the starter whose SCRAM password is wrong, as the
 * starter is today: it starts, health says why Kafka is DOWN, a publish fails at once
 * with the authentication failure, and the handler containers stop; no log line, endpoint
 * answer or exception holds a secret of the run, the wrong password among them.
 */
@ExtendWith(SecureBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureWrongCredentialsIntegrationTests {

	private static final String USER = "wrong-password-app";

	private static final String PREFIX = "wrong-password.";

	private static final String AUTHENTICATION_FAILED = "Authentication failed during authentication due to "
			+ "invalid credentials with SASL mechanism SCRAM-SHA-512";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final List<Throwable> exceptions = new ArrayList<>();

	private static SecureApplication.@Nullable Running service;

	private static String wrongPassword = "";

	@BeforeAll
	static void startServiceWithAWrongPassword(SecureKafkaBroker broker) throws Exception {
		// The user exists and may do all the starter needs: only the password is
		// wrong.
		broker.createUser(USER, TestSecrets.password("wrong-password-app SCRAM password"));
		broker.grant(StarterAcl.bindings(EnumSet.allOf(StarterAcl.class), "User:" + USER, PREFIX, USER));
		wrongPassword = TestSecrets.password("wrong-password-app wrong SCRAM password");
		service = SecureApplication.start(broker, USER, USER, wrongPassword,
				Map.of("dictamesh.events.topics.prefix", PREFIX));
	}

	@AfterAll
	static void stopService() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	@Order(1)
	void healthIsDownWithTheAuthenticationFailure() throws Exception {
		service().awaitKafkaIndicatorsDown(WAIT,
				(error) -> error.contains("Kafka refused to authenticate")
					.contains(SaslAuthenticationException.class.getSimpleName() + ": " + AUTHENTICATION_FAILED)
					.contains("spring.kafka.properties.sasl.jaas.config"));
	}

	@Test
	@Order(2)
	void publishFailsAtOnceWithTheAuthenticationFailure() {
		CompletableFuture<PublishResult> published = service().bean(EventPublisher.class)
			.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "o-1").build());
		// Within the wait, not after the producer's max.block.ms of a minute.
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> published.get(30, TimeUnit.SECONDS))
			.satisfies(exceptions::add)
			.havingRootCause()
			.isInstanceOf(SaslAuthenticationException.class)
			.withMessage(AUTHENTICATION_FAILED);
	}

	@Test
	@Order(3)
	void kafkaHealthNamesTheRefusedClientsAndWhatToCheckWhileTheContainerRetries() throws Exception {
		ActuatorHttp http = service().http();
		String group = "consumer group '" + USER + "'";
		await().atMost(WAIT).untilAsserted(() -> assertThat(service().accessDenied()).anySatisfy((denial) -> {
			assertThat(denial.path("client").asString()).isEqualTo(group);
			assertThat(denial.path("operation").asString()).isEqualTo("authentication");
			assertThat(denial.path("error").asString()).contains(AUTHENTICATION_FAILED);
			assertThat(denial.path("fix").asString()).contains("spring.kafka.properties.sasl.jaas.config");
		}));
		assertThat(service().accessDenied())
			.anySatisfy((denial) -> assertThat(denial.path("client").asString()).isEqualTo("publisher"));
		// Spring Kafka would stop the container for good on its first authentication
		// failure; the starter's containers retry, so that a corrected credential heals
		// the service.
		MessageListenerContainer container = service().bean(EventHandlerContainers.class).getContainers().get(USER);
		assertThat(container.isRunning()).isTrue();
		assertThat(service().log()).contains("Kafka refused to authenticate " + group + " as User:" + USER)
			.doesNotContain("Fatal consumer exception; stopping container");
		// The endpoint shows what it cannot read instead of failing.
		ActuatorHttp.Answer summary = http.get("/actuator/dictamesh");
		assertThat(summary.status()).isEqualTo(200);
		assertThat(summary.json().path("accessDenied").isEmpty()).isFalse();
		assertThat(summary.json().path("deadLetters").path(0).path("error").asString()).contains(AUTHENTICATION_FAILED);
	}

	@Test
	@Order(4)
	void theServiceHealsOnceTheClusterAcceptsItsCredential(SecureKafkaBroker broker) throws Exception {
		// The operator gives the user the password the service has: no restart.
		broker.createUser(USER, wrongPassword);
		ActuatorHttp http = service().http();
		await().atMost(WAIT.multipliedBy(2)).untilAsserted(() -> {
			ActuatorHttp.Answer kafka = http.get("/actuator/health/kafka");
			assertThat(kafka.healthStatus()).as(kafka.text()).isEqualTo("UP");
		});
		EventPublisher publisher = service().bean(EventPublisher.class);
		Event event = Event.builder(SecureApplication.RECEIVED).entity("order", "o-2").build();
		await().atMost(WAIT).ignoreExceptions().until(() -> publisher.publish(event).get(10, TimeUnit.SECONDS) != null);
		SecureApplication.SecureHandlers handlers = service().bean(SecureApplication.SecureHandlers.class);
		await().atMost(WAIT).until(() -> handlers.received.containsKey(event.eventId()));
		assertThat(service().accessDenied()).isEmpty();
	}

	@Test
	@Order(5)
	void noSecretOfTheRunInTheLogsTheEndpointsOrTheExceptions() throws Exception {
		assertThat(exceptions).as("the publish failure").isNotEmpty();
		List<ActuatorHttp.Answer> answers = new ArrayList<>();
		for (String path : List.of("/actuator/health", "/actuator/dictamesh", "/actuator/dictamesh/dead-letters",
				"/actuator/env", "/actuator/env/spring.kafka.properties.sasl.jaas.config", "/actuator/configprops")) {
			answers.add(service().http().get(path));
		}
		assertThat(service().log()).contains("sasl.jaas.config = [hidden]", AUTHENTICATION_FAILED);
		SecretScan.assertNoSecret("the service's log", service().log());
		answers.forEach((answer) -> SecretScan.assertNoSecret(answer.path(), answer.text()));
		exceptions.forEach((exception) -> SecretScan.assertNoSecret("the publish failure", exception));
	}

	private static SecureApplication.Running service() {
		assertThat(service).as("the service").isNotNull();
		return service;
	}

}
