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

package com.dictamesh.events.idempotency;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.dictamesh.events.jdbc.DatabaseDialect;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link IdempotencyStore} on the application's database, table
 * {@code dictamesh_processed_event}, keyed by consumer group, handler and event id. Marks
 * join the caller's transaction.
 */
public class JdbcIdempotencyStore implements IdempotencyStore {

	private final JdbcTemplate jdbc;

	private final DatabaseDialect dialect;

	private final String insert;

	private final String deleteExpired;

	/**
	 * Create a store.
	 * @param jdbc the JDBC template on the application's data source
	 * @param dialect the database's dialect
	 */
	public JdbcIdempotencyStore(JdbcTemplate jdbc, DatabaseDialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.insert = dialect.insertIgnoringDuplicates("dictamesh_processed_event",
				"consumer_group, handler_id, event_id, processed_at", "?, ?, ?, " + dialect.now());
		this.deleteExpired = dialect.deleteLimited("dictamesh_processed_event",
				"processed_at < " + dialect.nowPlusMillis(), "processed_at");
	}

	@Override
	public boolean mark(String group, String handlerId, String eventId) {
		try {
			return this.jdbc.update(this.insert, group, handlerId, eventId) == 1;
		}
		catch (DuplicateKeyException ex) {
			// H2 has no insert that ignores duplicates; its failed statement leaves the
			// transaction usable.
			return false;
		}
	}

	@Override
	public Set<String> markAll(String group, String handlerId, Collection<String> eventIds) {
		// PostgreSQL reports each row of a batch as 1 (inserted) or 0 (there already);
		// the
		// other drivers may not, so they mark one event at a time.
		if (this.dialect != DatabaseDialect.POSTGRESQL || eventIds.size() < 2) {
			return IdempotencyStore.super.markAll(group, handlerId, eventIds);
		}
		List<String> ids = List.copyOf(eventIds);
		int[] counts = this.jdbc.batchUpdate(this.insert,
				ids.stream().map((eventId) -> new Object[] { group, handlerId, eventId }).toList());
		Set<String> marked = new java.util.LinkedHashSet<>();
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] == 1) {
				marked.add(ids.get(i));
			}
		}
		return marked;
	}

	@Override
	public boolean marksBatchInOneStatement() {
		return this.dialect == DatabaseDialect.POSTGRESQL;
	}

	@Override
	public Set<String> findProcessed(String group, String handlerId, Collection<String> eventIds) {
		if (eventIds.isEmpty()) {
			return Set.of();
		}
		List<Object> args = new java.util.ArrayList<>(eventIds.size() + 2);
		args.add(group);
		args.add(handlerId);
		args.addAll(eventIds);
		String placeholders = String.join(",", java.util.Collections.nCopies(eventIds.size(), "?"));
		return new HashSet<>(this.jdbc.queryForList(
				"SELECT event_id FROM dictamesh_processed_event "
						+ "WHERE consumer_group = ? AND handler_id = ? AND event_id IN (" + placeholders + ")",
				String.class, args.toArray()));
	}

	@Override
	public int deleteExpired(Duration timeToLive, int limit) {
		return this.jdbc.update(this.deleteExpired, -timeToLive.toMillis(), limit);
	}

	@Override
	public boolean isTransactional() {
		return true;
	}

	/**
	 * Return the dialect of the database.
	 * @return the dialect
	 */
	public DatabaseDialect getDialect() {
		return this.dialect;
	}

}
