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

import com.dictamesh.events.Event;
import com.dictamesh.events.test.AutoConfigureDictameshEvents;
import com.dictamesh.events.test.HandlingOutcome;
import com.dictamesh.events.test.HandlingOutcome.Status;
import com.dictamesh.events.test.TestEvents;
import com.example.quickstart.QuickStartApplication.Product;
import com.example.quickstart.QuickStartApplication.SearchIndex;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;

import static com.dictamesh.events.test.DictameshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start tested with the starter's test support, in memory: no broker, no
 * waiting.
 */
// tag::test[]
@SpringBootTest
@AutoConfigureDictameshEvents
class QuickStartEventsTests {

	@Autowired
	private TestEvents events;

	@Autowired
	private SearchIndex searchIndex;

	@Autowired
	private ApplicationRunner publishOneProduct;

	@Test
	void publishesTheProduct() throws Exception {
		this.publishOneProduct.run(new DefaultApplicationArguments());

		assertThat(this.events.published()).containsEventOfType("entity.created")
			.forEntity("product", "42")
			.withKey("product:42")
			.withPayload(Product.class, (product) -> product.name().equals("Desk lamp"))
			.hasSize(1);
	}

	@Test
	void indexesADeliveredProduct() {
		Product kettle = new Product("Kettle", 2990);

		HandlingOutcome outcome = this.events.deliver(Event.entityCreated("product", "7", kettle).build());

		assertThat(outcome.status()).isEqualTo(Status.HANDLED);
		assertThat(this.searchIndex.indexed).contains(kettle);
	}

}
// end::test[]
