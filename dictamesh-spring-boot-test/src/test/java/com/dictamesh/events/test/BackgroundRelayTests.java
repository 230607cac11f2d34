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

package com.dictamesh.events.test;

import java.time.Duration;

import com.dictamesh.events.test.app.CatalogueApplication;
import com.dictamesh.events.test.app.CatalogueApplication.Catalogue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.dictamesh.events.test.DictameshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code relayOutboxOnCommit = false} the relay publishes in the background, as in
 * production, and the test waits for it.
 */
@SpringBootTest(classes = CatalogueApplication.class,
		properties = { "spring.application.name=catalogue-background",
				"spring.datasource.url=jdbc:h2:mem:background-${random.uuid};DB_CLOSE_DELAY=-1" })
@AutoConfigureDictameshEvents(relayOutboxOnCommit = false)
class BackgroundRelayTests {

	@Autowired
	private TestEvents events;

	@Autowired
	private Catalogue catalogue;

	@Test
	void outboxEventIsPublishedByTheRelayThread() {
		this.catalogue.placeOrder("9", false);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.events.published()).containsEventOfType("entity.created")
				.forEntity("order", "9")
				.hasSize(1));
		assertThat(this.events.relayOutbox()).isZero();
	}

}
