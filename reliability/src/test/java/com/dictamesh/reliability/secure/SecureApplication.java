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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import org.assertj.core.api.AbstractStringAssert;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A small service on the starter, run in the test's JVM against the secure broker with a
 * web server on a free port and an outbox on an in-memory H2 database: one handler that
 * records what it receives, one that always fails. It reaches Kafka through Spring Boot's
 * standard properties only ({@code spring.kafka.security.*}, {@code spring.kafka.ssl.*},
 * {@code spring.kafka.properties.*}); the starter adds nothing of its own for security.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SecureApplication {

	static final String RECEIVED = "secure.received";

	static final String POISON = "secure.poison";

	@Bean
	@ConditionalOnBooleanProperty(name = "secure.handlers.enabled", matchIfMissing = true)
	SecureHandlers secureHandlers() {
		return new SecureHandlers();
	}

	/**
	 * Start the service as a SCRAM-SHA-512 user of the broker.
	 * @param broker the broker
	 * @param name the service's name, also its consumer group
	 * @param user the SCRAM user
	 * @param password the password it is given, right or wrong
	 * @param properties further properties, which win over the defaults here
	 * @return the running service, its log recorded
	 */
	static Running start(SecureKafkaBroker broker, String name, String user, String password,
			Map<String, Object> properties) {
		return start(name, broker.scram(user, password), properties);
	}

	/**
	 * Start the service as a principal of the broker.
	 * @param name the service's name, also its consumer group
	 * @param security how it reaches the broker: its listener, security protocol, stores
	 * and SASL settings, as {@code spring.kafka.*} properties
	 * @param properties further properties, which win over the defaults here
	 * @return the running service, its log recorded
	 */
	static Running start(String name, ClientSecurity security, Map<String, Object> properties) {
		Map<String, Object> all = new HashMap<>(security.springProperties());
		all.put("spring.application.name", name);
		all.put("spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		// The module's schema.sql is the reliability service's, for PostgreSQL.
		all.put("spring.sql.init.mode", "never");
		all.put("dictamesh.events.outbox.transaction-required", false);
		all.put("server.port", 0);
		all.put("management.endpoints.web.exposure.include", "health,dictamesh,env,configprops");
		all.put("management.endpoint.health.show-details", "always");
		// One partition per topic: the broker shares two cores with the suite.
		all.put("dictamesh.events.topics.partitions", 1);
		all.put("dictamesh.events.health.refresh-interval", "500ms");
		all.put("dictamesh.events.health.timeout", "5s");
		all.put("dictamesh.events.retry.max-attempts", 2);
		all.put("dictamesh.events.retry.initial-interval", "100ms");
		// What a production log shows of the clients (their configuration at INFO),
		// and everything the starter logs.
		all.put("logging.level.org.apache.kafka", "INFO");
		all.put("logging.level.com.dictamesh", "DEBUG");
		all.putAll(properties);
		// The service's whole log, from its start to the end of the test class.
		OutputRecorder output = OutputRecorder.start();
		try {
			return new Running(new SpringApplicationBuilder(SecureApplication.class).web(WebApplicationType.SERVLET)
				.properties(all)
				.run(), output);
		}
		catch (RuntimeException ex) {
			output.close();
			throw ex;
		}
	}

	/**
	 * A running service and its recorded log.
	 *
	 * @param context the service's context
	 * @param output the recorder of everything it logs
	 */
	record Running(ConfigurableApplicationContext context, OutputRecorder output) implements AutoCloseable {

		<T> T bean(Class<T> type) {
			return this.context.getBean(type);
		}

		/**
		 * Return what the service logged so far.
		 * @return the log
		 */
		String log() {
			return this.output.output();
		}

		/**
		 * Return a client of the service's actuator endpoints.
		 * @return the client
		 */
		ActuatorHttp http() {
			return new ActuatorHttp(((WebServerApplicationContext) this.context).getWebServer().getPort());
		}

		/**
		 * Return the refusals the {@code kafka} health indicator shows now.
		 * @return the refusals, each as its JSON details
		 * @throws Exception if the indicator cannot be read
		 */
		List<JsonNode> accessDenied() throws Exception {
			List<JsonNode> denials = new ArrayList<>();
			http().get("/actuator/health/kafka").json().path("details").path("accessDenied").forEach(denials::add);
			return denials;
		}

		/**
		 * Wait until each of the starter's Kafka indicators ({@code kafka},
		 * {@code dictameshConsumerLag}, {@code dictameshDeadLetters}) answers 503 with an
		 * error the check accepts, each once its figure was refreshed (before, it is
		 * UNKNOWN, or DOWN with the refusals of the other clients); then check that the
		 * service's health is DOWN.
		 * @param wait how long to wait for each indicator
		 * @param errorCheck the assertions on an indicator's error detail, described by
		 * the indicator's name
		 * @throws Exception if the health cannot be read
		 */
		void awaitKafkaIndicatorsDown(Duration wait, Consumer<AbstractStringAssert<?>> errorCheck) throws Exception {
			ActuatorHttp http = http();
			for (String indicator : List.of("kafka", "dictameshConsumerLag", "dictameshDeadLetters")) {
				await().atMost(wait).untilAsserted(() -> {
					ActuatorHttp.Answer answer = http.get("/actuator/health/" + indicator);
					assertThat(answer.status()).as(indicator).isEqualTo(503);
					errorCheck.accept(assertThat(answer.json().path("details").path("error").asString()).as(indicator));
				});
			}
			assertThat(http.get("/actuator/health").healthStatus()).isEqualTo("DOWN");
		}

		@Override
		public void close() {
			try {
				this.context.close();
			}
			finally {
				this.output.close();
			}
		}

	}

	/**
	 * The service's handlers.
	 */
	static class SecureHandlers {

		/**
		 * The deliveries of each event, which a replay of the group adds to.
		 */
		final Map<String, Integer> received = new ConcurrentHashMap<>();

		final Map<String, Integer> poisonCalls = new ConcurrentHashMap<>();

		// Counts every delivery: the idempotency store would skip the events a replay
		// delivers again.
		@DictameshEventHandler(types = RECEIVED, idempotent = false)
		void onReceived(Event event) {
			this.received.merge(event.eventId(), 1, Integer::sum);
		}

		@DictameshEventHandler(POISON)
		void onPoison(Event event) {
			this.poisonCalls.merge(event.eventId(), 1, Integer::sum);
			throw new IllegalStateException("Handler always fails, event " + event.eventId());
		}

	}

}
