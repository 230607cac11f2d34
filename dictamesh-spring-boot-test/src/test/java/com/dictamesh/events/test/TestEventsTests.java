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

import java.util.Map;

import com.dictamesh.events.Event;
import com.dictamesh.events.test.HandlingOutcome.GroupOutcome;
import com.dictamesh.events.test.HandlingOutcome.Status;
import com.dictamesh.events.test.app.CatalogueApplication;
import com.dictamesh.events.test.app.CatalogueApplication.Catalogue;
import com.dictamesh.events.test.app.CatalogueApplication.ProductIndexer;
import com.dictamesh.events.test.app.CatalogueApplication.ShipmentLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.dictamesh.events.test.DictameshAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What a test sees of an application's events through {@link TestEvents}, the same in
 * each transport.
 */
@SpringBootTest(classes = CatalogueApplication.class,
		properties = { "spring.application.name=catalogue", "dictamesh.events.idempotency.store=memory",
				"dictamesh.events.retry.max-attempts=3", "dictamesh.events.retry.initial-interval=10ms",
				"spring.datasource.url=jdbc:h2:mem:catalogue-${random.uuid};DB_CLOSE_DELAY=-1" })
abstract class TestEventsTests {

	@Autowired
	private TestEvents events;

	@Autowired
	private Catalogue catalogue;

	@Autowired
	private ProductIndexer indexer;

	@Autowired
	private ShipmentLog shipments;

	@Test
	void publishedEventIsRecordedOnce() {
		this.catalogue.addProduct("42", "Kettle");

		assertThat(this.events.published()).containsEventOfType("entity.created")
			.forEntity("product", "42")
			.withKey("product:42")
			.onTopic("dictamesh.entity.changed")
			.withPayload(Map.class, (payload) -> "Kettle".equals(payload.get("name")))
			.hasSize(1);
		PublishedEvent published = this.events.published().ofType("entity.created").list().get(0);
		assertThat(this.events.outcomeOf(published).status()).isEqualTo(Status.HANDLED);
		assertThat(this.indexer.indexed()).contains("42");
		// Handling it published nothing more.
		assertThat(this.events.published()).hasSize(1);
	}

	// tag::outbox[]
	@Test
	void outboxEventIsRecordedWhenItsTransactionCommits() {
		this.catalogue.placeOrder("7", false);

		// No wait: the commit relayed it.
		assertThat(this.events.published()).containsEventOfType("entity.created")
			.forEntity("order", "7")
			.withKey("order:7")
			.hasSize(1);
	}
	// end::outbox[]

	// tag::rollback[]
	@Test
	void rolledBackTransactionRecordsNothing() {
		assertThatIllegalStateException().isThrownBy(() -> this.catalogue.placeOrder("8", true));

		assertThat(this.events.relayOutbox()).isZero();
		assertThat(this.events.published()).isEmpty();
	}
	// end::rollback[]

	// tag::dead-letter[]
	@Test
	void handlerThatThrowsEndsDeadLetteredWithItsException() {
		HandlingOutcome outcome = this.events.deliver(Event.entityCreated("poison", "p1", Map.of()).build());

		assertThat(outcome.status()).isEqualTo(Status.DEAD_LETTERED);
		assertThat(outcome.exception()).isInstanceOf(IllegalArgumentException.class).hasMessage("Cannot index p1");
		assertThat(outcome.groups()).singleElement().satisfies((group) -> {
			assertThat(group.group()).isEqualTo("catalogue");
			assertThat(group.attempts()).isEqualTo(3);
			assertThat(group.handlers()).containsValue(Status.DEAD_LETTERED);
		});
		assertThat(this.events.published()).isEmpty();
	}
	// end::dead-letter[]

	// tag::duplicate[]
	@Test
	void duplicateIsReportedAsSkipped() {
		Event event = Event.entityCreated("product", "d1", Map.of("name", "Teapot")).build();

		assertThat(this.events.deliver(event).status()).isEqualTo(Status.HANDLED);
		assertThat(this.events.deliver(event).status()).isEqualTo(Status.SKIPPED_AS_DUPLICATE);
		assertThat(this.indexer.indexed()).containsOnlyOnce("d1");
	}
	// end::duplicate[]

	@Test
	void batchHandlerOutcomeIsFollowedPerEvent() {
		HandlingOutcome outcome = this.events.deliver(Event.entityCreated("shipment", "s1", Map.of()).build());

		assertThat(outcome.status()).isEqualTo(Status.HANDLED);
		assertThat(outcome.groups()).extracting(GroupOutcome::group).containsExactly("catalogue-shipments");
		assertThat(this.shipments.logged()).contains("s1");
	}

	@Test
	void eventNoHandlerTakesIsNotHandled() {
		HandlingOutcome outcome = this.events.deliver(Event.entityCreated("customer", "c1", Map.of()).build());

		assertThat(outcome.status()).isEqualTo(Status.NOT_HANDLED);
		assertThat(outcome.groups()).isEmpty();
	}

}
