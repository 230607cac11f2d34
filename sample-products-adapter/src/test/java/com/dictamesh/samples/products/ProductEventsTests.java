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

package com.dictamesh.samples.products;

import java.math.BigDecimal;
import java.util.List;

import com.dictamesh.events.test.AutoConfigureDictameshEvents;
import com.dictamesh.events.test.TestEvents;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.dictamesh.events.test.DictameshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * The products adapter's events, without a broker: what the service publishes through the
 * outbox is seen as soon as its transaction committed, and a rolled-back transaction
 * publishes nothing.
 */
// tag::test-class[]
@SpringBootTest
@AutoConfigureDictameshEvents
class ProductEventsTests {

	@Autowired
	private ProductService products;

	@Autowired
	private TestEvents events;

	@Test
	void createPublishesEntityCreatedWithTheProduct() {
		ProductData lamp = this.products.create(request("LAMP-100", "Brass Desk Lamp"));

		// No waiting: the outbox is relayed as the transaction commits.
		assertThat(this.events.published()).containsEventOfType("entity.created")
			.forEntity("product", lamp.id().toString())
			.withKey("product:" + lamp.id())
			.withPayload(ProductData.class, (product) -> product.sku().equals("LAMP-100"))
			.hasSize(1);
	}
	// end::test-class[]

	@Test
	void deletePublishesEntityDeletedAfterTheCreate() {
		ProductData kettle = this.products.create(request("KETTLE-100", "Steel Kettle"));
		this.products.delete(kettle.id());

		assertThat(this.events.published().forEntity("product", kettle.id().toString()).list())
			.extracting((event) -> event.eventType())
			.containsExactly("entity.created", "entity.deleted");
	}

	@Test
	void bulkThatFailsHalfWayPublishesNothing() {
		List<ProductRequest> bulk = List.of(request("PAN-100", "Cast Iron Pan"), request("PAN-200", "Steel Pan"),
				request("PAN-100", "Copper Pan"));

		assertThatRuntimeException().isThrownBy(() -> this.products.createAll(bulk));

		// The first two products' outbox rows rolled back with them: nothing to relay.
		assertThat(this.events.relayOutbox()).isZero();
		assertThat(this.events.published()).isEmpty();
	}

	private static ProductRequest request(String sku, String name) {
		return new ProductRequest(sku, name, null, "kitchen", "Acme", new BigDecimal("19.90"), "EUR", 5, List.of());
	}

}
