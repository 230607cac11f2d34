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
package com.dictamesh.reliability.service;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import com.dictamesh.events.EventTypes;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records the effect of each order event as a row of its own, without a unique key, so
 * that an effect applied twice would show as two rows. The idempotency store is what
 * should keep it to one: its mark commits in the same transaction as the row. The row
 * also says where the event was read (partition and offset), the order's sequence number
 * and entity, and which instance applied it, for the harness to check the order per key
 * and to time a take-over.
 */
@Component
class OrderEffects {

	private final JdbcClient jdbc;

	private final String instance;

	OrderEffects(JdbcClient jdbc, @Value("${spring.application.name}") String instance) {
		this.jdbc = jdbc;
		this.instance = instance;
	}

	@DictameshEventHandler(types = EventTypes.ENTITY_CREATED, entityTypes = "order")
	void apply(Order order, Event event, EventContext context) {
		this.jdbc
			.sql("INSERT INTO reliability_effect (event_id, entity_id, seq, topic_partition, record_offset, instance, "
					+ "applied_at) VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")
			.param(event.eventId())
			.param(event.entityId())
			.param(order.seq())
			.param(context.partition())
			.param(context.offset())
			.param(this.instance)
			.update();
	}

	/**
	 * The data of an order event.
	 *
	 * @param seq the order's sequence number
	 */
	record Order(long seq) {

	}

}
