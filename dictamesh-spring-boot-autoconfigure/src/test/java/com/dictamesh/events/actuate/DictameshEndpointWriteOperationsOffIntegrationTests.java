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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write operations of the {@code dictamesh} endpoint refuse to run until enabled by
 * property. Refused before any Kafka call, so no broker runs here.
 */
@SpringBootTest(classes = DictameshEndpointWriteOperationsOffIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=write-off-tests", "management.endpoints.web.exposure.include=dictamesh",
				"spring.kafka.bootstrap-servers=localhost:9", "spring.kafka.admin.auto-create=false",
				"dictamesh.events.consumer.auto-startup=false" })
// Closed with the class: its health and lag readers would go on calling the absent
// broker, and Kafka's admin client logs each call's rebootstrap many times a second.
@DirtiesContext
class DictameshEndpointWriteOperationsOffIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void redriveAndReplayAreRefusedNamingThePropertyThatEnablesThem() throws Exception {
		for (String operation : new String[] { "redrive", "replay" }) {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/dictamesh/" + operation))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"all\":true,\"group\":\"g\",\"topic\":\"t\",\"timestamp\":\"2026-11-25T10:00:00Z\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(operation).isEqualTo(403);
			JsonNode body = JsonMapper.builder().build().readTree(response.body());
			assertThat(body.get("refused").asString())
				.contains("dictamesh.events.endpoint.write-operations-enabled=true");
		}
	}

	static class Handler {

		@DictameshEventHandler("entity.created")
		void on(Event event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Handler handler() {
			return new Handler();
		}

	}

}
