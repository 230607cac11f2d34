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

package com.dictamesh.events.test.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.outbox.OutboxEventPublisher;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application under test: it publishes product events directly and order events
 * through the outbox, indexes products, and cannot handle "poison" entities.
 */
@SpringBootApplication
public class CatalogueApplication {

	/**
	 * Publishes what the catalogue does.
	 */
	@Service
	public static class Catalogue {

		private final EventPublisher events;

		private final OutboxEventPublisher outbox;

		Catalogue(EventPublisher events, OutboxEventPublisher outbox) {
			this.events = events;
			this.outbox = outbox;
		}

		public void addProduct(String id, String name) {
			this.events.entityCreated("product", id, Map.of("name", name)).join();
		}

		@Transactional
		public void placeOrder(String id, boolean fail) {
			this.outbox.entityCreated("order", id, Map.of("status", "placed"));
			if (fail) {
				throw new IllegalStateException("Order " + id + " failed: the transaction rolls back");
			}
		}

	}

	/**
	 * Handles product events.
	 */
	@Component
	public static class ProductIndexer {

		private final List<String> indexed = new CopyOnWriteArrayList<>();

		@DictameshEventHandler(value = "entity.created", entityTypes = "product")
		void index(Event event) {
			this.indexed.add(event.entityId());
		}

		@DictameshEventHandler(value = "entity.created", entityTypes = "poison")
		void refuse(Event event) {
			throw new IllegalArgumentException("Cannot index " + event.entityId());
		}

		public List<String> indexed() {
			return this.indexed;
		}

	}

	/**
	 * Handles shipment events in batches, in a consumer group of its own.
	 */
	@Component
	public static class ShipmentLog {

		private final List<String> logged = new CopyOnWriteArrayList<>();

		@DictameshEventHandler(value = "entity.created", entityTypes = "shipment", groupId = "catalogue-shipments")
		void log(List<Event> events) {
			events.forEach((event) -> this.logged.add(event.entityId()));
		}

		public List<String> logged() {
			return this.logged;
		}

	}

}
