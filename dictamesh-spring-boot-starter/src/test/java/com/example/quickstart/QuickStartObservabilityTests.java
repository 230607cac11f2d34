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

package com.example.quickstart;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter alone makes the quick start observable: health indicators for the broker,
 * the handlers' consumer lag and the dead letters, and the publishing and handling
 * meters, with no dependency or property beyond the quick start's.
 */
@SpringBootTest
@EmbeddedKafka
class QuickStartObservabilityTests {

	@Autowired
	private HealthEndpoint health;

	@Autowired
	private MeterRegistry meters;

	@Test
	void healthReportsTheBrokerTheConsumerLagAndTheDeadLetters() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.health.healthForPath("kafka").getStatus()).isEqualTo(Status.UP));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.health.healthForPath("dictameshConsumerLag").getStatus())
				.isEqualTo(Status.UP));
		assertThat(this.health.healthForPath("dictameshDeadLetters")).isNotNull();
	}

	@Test
	void publishingAndHandlingAreMetered() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.meters.find("dictamesh.events.handler.duration")
				.tag("handler", (id) -> id.contains("index"))
				.tag("outcome", "success")
				.timer()).isNotNull());
		assertThat(this.meters.get("dictamesh.events.published")
			.tag("type", "entity.created")
			.tag("outcome", "success")
			.counter()
			.count()).isEqualTo(1);
	}

}
