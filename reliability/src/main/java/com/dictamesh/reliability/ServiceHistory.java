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
package com.dictamesh.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the service's database says happened, row by row, for the figures that counts do
 * not give: when each outbox row was published, and where, when and by which instance
 * each effect was applied. Times are the database's, the clock of the machine every
 * process here runs on.
 *
 * @param outbox the outbox rows, in id order
 * @param effects the handler's effects, in the order they were applied (id order)
 */
record ServiceHistory(List<OutboxEntry> outbox, List<Effect> effects) {

	/**
	 * Read the outbox and the effects.
	 * @param postgres the service's database
	 * @return the history
	 * @throws SQLException if the database cannot be read
	 */
	static ServiceHistory read(Postgres postgres) throws SQLException {
		List<OutboxEntry> outbox = new ArrayList<>();
		List<Effect> effects = new ArrayList<>();
		try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
			try (ResultSet result = statement
				.executeQuery("SELECT event_id, bucket, published_at FROM dictamesh_outbox ORDER BY id")) {
				while (result.next()) {
					outbox.add(new OutboxEntry(result.getString(1), result.getInt(2), instant(result, 3)));
				}
			}
			try (ResultSet result = statement.executeQuery("SELECT event_id, entity_id, seq, topic_partition, "
					+ "record_offset, instance, applied_at FROM reliability_effect ORDER BY id")) {
				while (result.next()) {
					Instant applied = instant(result, 7);
					if (applied == null) {
						throw new IllegalStateException("An effect without its time");
					}
					effects.add(new Effect(result.getString(1), result.getString(2), result.getLong(3),
							result.getInt(4), result.getLong(5), result.getString(6), applied));
				}
			}
		}
		return new ServiceHistory(outbox, effects);
	}

	/**
	 * Check the order of each key's effects.
	 * @return the order, in the order the effects were applied
	 */
	KeyOrder effectOrder() {
		KeyOrder order = new KeyOrder();
		this.effects.forEach((effect) -> order.accept(effect.entityId(), effect.eventId(), effect.seq()));
		return order;
	}

	private static @Nullable Instant instant(ResultSet result, int column) throws SQLException {
		OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	/**
	 * An outbox row.
	 *
	 * @param eventId its event's id
	 * @param bucket its key's bucket, which one relay instance at a time publishes
	 * @param publishedAt when the relay marked it published, {@code null} if it did not
	 */
	record OutboxEntry(String eventId, int bucket, @Nullable Instant publishedAt) {

	}

	/**
	 * An effect of the handler.
	 *
	 * @param eventId the event applied
	 * @param entityId the order's entity, the event's key
	 * @param seq the order's sequence number
	 * @param partition the partition the event was read from
	 * @param offset its offset there
	 * @param instance the application name of the instance that applied it
	 * @param appliedAt when its transaction began
	 */
	record Effect(String eventId, String entityId, long seq, int partition, long offset, String instance,
			Instant appliedAt) {

	}

}
