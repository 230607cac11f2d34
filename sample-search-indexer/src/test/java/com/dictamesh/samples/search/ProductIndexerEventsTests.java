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

package com.dictamesh.samples.search;

import java.nio.file.Path;
import java.util.Map;

import com.dictamesh.events.Event;
import com.dictamesh.events.test.AutoConfigureDictameshEvents;
import com.dictamesh.events.test.HandlingOutcome;
import com.dictamesh.events.test.HandlingOutcome.Status;
import com.dictamesh.events.test.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search indexer's handler, without a broker: an event handed to it is indexed (or
 * removed) by the time {@link TestEvents#deliver(Event)} returns.
 */
@SpringBootTest
@AutoConfigureDictameshEvents
class ProductIndexerEventsTests {

	@TempDir
	static Path indexDirectory;

	@Autowired
	private TestEvents events;

	@Autowired
	private ProductIndex index;

	@DynamicPropertySource
	static void indexPath(DynamicPropertyRegistry registry) {
		registry.add("search.index.path", () -> indexDirectory.toString());
	}

	// tag::deliver[]
	@Test
	void createdProductIsFoundByAWordOfItsName() throws Exception {
		Event created = Event
			.entityCreated("product", "p-1",
					Map.of("sku", "LAMP-1", "name", "Quokka desk lamp", "brand", "Lumen", "category", "lighting",
							"price", 49.90, "currency", "EUR"))
			.build();

		HandlingOutcome outcome = this.events.deliver(created);

		assertThat(outcome.status()).isEqualTo(Status.HANDLED);
		assertThat(this.index.search("quokka", 0, 10).hits()).extracting(SearchHit::id).containsExactly("p-1");
	}
	// end::deliver[]

	@Test
	void deletedProductIsNoLongerFound() throws Exception {
		this.events
			.deliver(Event.entityCreated("product", "p-2", Map.of("sku", "MUG-2", "name", "Narwhal mug")).build());
		assertThat(this.index.search("narwhal", 0, 10).hits()).hasSize(1);

		HandlingOutcome outcome = this.events.deliver(Event.entityDeleted("product", "p-2").build());

		assertThat(outcome.status()).isEqualTo(Status.HANDLED);
		assertThat(this.index.search("narwhal", 0, 10).hits()).isEmpty();
	}

	@Test
	void eventsOfOtherEntitiesAreNotHandled() {
		HandlingOutcome outcome = this.events.deliver(Event.entityCreated("customer", "c-1", Map.of()).build());

		assertThat(outcome.status()).isEqualTo(Status.NOT_HANDLED);
		assertThat(outcome.groups()).isEmpty();
	}

}
