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

import com.dictamesh.events.idempotency.IdempotencyListener;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records each redelivery the idempotency store absorbed as a row, written in the
 * handler's transaction, so that the harness can count them after the service was killed.
 */
@Component
class AbsorbedRedeliveries implements IdempotencyListener {

	private final JdbcClient jdbc;

	AbsorbedRedeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void duplicateSkipped(String group, String handlerId) {
		this.jdbc.sql("INSERT INTO reliability_absorbed (handler_id, absorbed_at) VALUES (?, CURRENT_TIMESTAMP)")
			.param(handlerId)
			.update();
	}

}
