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

import javax.net.ssl.SSLException;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.kafka.EventHandlerContainers;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What a user sees of a service on the starter that reaches the mutual-TLS listener with
 * the brokers' CA in its trust store but no key store, so no certificate to show: it
 * starts, health says Kafka refused the TLS handshake and points at
 * {@code spring.kafka.ssl.*}, a publish fails within seconds with the same failure, and
 * the handler containers keep retrying instead of stopping; nothing of the run's secrets,
 * the trust store password among them, shows in a log line, an endpoint or an exception.
 */
@ExtendWith(SecureBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureMissingCertificateIntegrationTests {

	private static final String NAME = "no-certificate-app";

	private static final String FIX = "Check spring.kafka.ssl.* (or the SSL bundle)";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final List<Throwable> exceptions = new ArrayList<>();

	private static SecureApplication.@Nullable Running service;

	@BeforeAll
	static void startServiceWithoutACertificate(SecureKafkaBroker broker) {
		service = SecureApplication.start(NAME, broker.withoutCertificate(),
				Map.of("dictamesh.events.topics.prefix", "no-certificate."));
	}

	@AfterAll
	static void stopService() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	@Order(1)
	void healthIsDownWithTheRefusedHandshakeAndWhereToLook() throws Exception {
		service().awaitKafkaIndicatorsDown(WAIT,
				(error) -> error.contains("Kafka refused to authenticate")
					.contains(SslAuthenticationException.class.getSimpleName())
					.contains("spring.kafka.ssl"));
	}

	@Test
	@Order(2)
	void publishFailsWithinSecondsWithTheRefusedHandshake() {
		CompletableFuture<PublishResult> published = service().bean(EventPublisher.class)
			.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "o-1").build());
		// Within the wait, not after the producer's max.block.ms of a minute.
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> published.get(30, TimeUnit.SECONDS))
			.satisfies(exceptions::add)
			.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(SSLException.class))
			.satisfies((ex) -> assertThat(causes(ex)).anyMatch(SslAuthenticationException.class::isInstance));
	}

	@Test
	@Order(3)
	void kafkaHealthNamesTheRefusedConsumerGroupWhileItsContainerRetries() throws Exception {
		String group = "consumer group '" + NAME + "'";
		await().atMost(WAIT).untilAsserted(() -> assertThat(service().accessDenied()).anySatisfy((denial) -> {
			assertThat(denial.path("client").asString()).isEqualTo(group);
			assertThat(denial.path("operation").asString()).isEqualTo("authentication");
			assertThat(denial.path("error").asString()).startsWith(SslAuthenticationException.class.getSimpleName());
			assertThat(denial.path("fix").asString()).startsWith(FIX).contains("key store");
		}));
		assertThat(service().accessDenied())
			.anySatisfy((denial) -> assertThat(denial.path("client").asString()).isEqualTo("publisher"));
		MessageListenerContainer container = service().bean(EventHandlerContainers.class).getContainers().get(NAME);
		assertThat(container.isRunning()).isTrue();
		assertThat(service().log()).contains("Kafka refused to authenticate " + group)
			.doesNotContain("Fatal consumer exception; stopping container");
	}

	@Test
	@Order(4)
	void noSecretOfTheRunInTheLogsTheEndpointsOrTheExceptions() throws Exception {
		assertThat(exceptions).as("the publish failure").isNotEmpty();
		List<ActuatorHttp.Answer> answers = new ArrayList<>();
		for (String path : List.of("/actuator/health", "/actuator/dictamesh", "/actuator/env",
				"/actuator/env/spring.kafka.ssl.trust-store-password", "/actuator/configprops")) {
			answers.add(service().http().get(path));
		}
		assertThat(service().log()).contains("ssl.truststore.password = [hidden]");
		SecretScan.assertNoSecret("the service's log", service().log());
		answers.forEach((answer) -> SecretScan.assertNoSecret(answer.path(), answer.text()));
		exceptions.forEach((exception) -> SecretScan.assertNoSecret("the publish failure", exception));
	}

	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = ex; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static SecureApplication.Running service() {
		assertThat(service).as("the service").isNotNull();
		return service;
	}

}
