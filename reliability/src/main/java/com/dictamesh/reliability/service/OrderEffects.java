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
import com.dictamesh.events.EventTypes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records the effect of each order event as a row of its own, without a unique key, so
 * that an effect applied twice would show as two rows. The idempotency store is what
 * should keep it to one: its mark commits in the same transaction as the row.
 */
@Component
class OrderEffects {

	private final JdbcClient jdbc;

	OrderEffects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@DictameshEventHandler(types = EventTypes.ENTITY_CREATED, entityTypes = "order")
	void apply(Event event) {
		this.jdbc.sql("INSERT INTO reliability_effect (event_id, seq, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")
			.param(event.eventId())
			.param(Long.parseLong(event.entityId()))
			.update();
	}

}
