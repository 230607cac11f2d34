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

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application whose broker does not answer: {@code kafka} turns DOWN within the
 * timeout and {@code /actuator/health} keeps answering at once.
 */
@SpringBootTest(classes = BrokerDownHealthIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=lonely-app", "dictamesh.events.topics.declare=false",
				"spring.kafka.admin.auto-create=false", "dictamesh.events.health.refresh-interval=200ms",
				"dictamesh.events.health.timeout=1s", "spring.datasource.url=jdbc:h2:mem:broker-down;DB_CLOSE_DELAY=-1",
				"management.endpoint.health.show-details=always" })
// Closed with the class: its health and lag readers would go on calling the absent
// broker, and Kafka's admin client logs each call's rebootstrap many times a second.
@DirtiesContext
class BrokerDownHealthIntegrationTests {

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void closedBrokerPort(DynamicPropertyRegistry registry) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + port);
	}

	@Test
	void kafkaTurnsDownWithinTheTimeoutAndTheEndpointNeverHangs() throws Exception {
		HealthHttp http = new HealthHttp(this.port);
		long start = System.nanoTime();
		// The first refresh starts with the context: DOWN within the timeout and a few
		// refresh intervals, far below the Kafka client's own minute-long defaults.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			HealthHttp.Answer answer = http.get("/actuator/health");
			assertThat(answer.elapsed()).isLessThan(ANSWER_WITHIN);
			assertThat(answer.body().path("components").path("kafka").path("status").asString()).isEqualTo("DOWN");
		});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		HealthHttp.Answer health = http.get("/actuator/health");
		assertThat(health.elapsed()).isLessThan(ANSWER_WITHIN);
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.healthStatus()).isEqualTo("DOWN");
		assertThat(health.body().path("components").path("kafka").path("details").path("error").asString())
			.isNotBlank();
		HealthHttp.Answer kafka = http.get("/actuator/health/kafka");
		assertThat(kafka.elapsed()).isLessThan(ANSWER_WITHIN);
		assertThat(kafka.healthStatus()).isEqualTo("DOWN");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
