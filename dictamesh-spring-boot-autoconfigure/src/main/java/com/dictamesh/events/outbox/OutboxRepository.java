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

package com.dictamesh.events.outbox;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.dictamesh.events.jdbc.DatabaseDialect;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * JDBC access to the outbox tables: {@code dictamesh_outbox} (the rows),
 * {@code dictamesh_outbox_lease} (which relay instance publishes which key bucket) and
 * {@code dictamesh_outbox_instance} (live relay instances).
 */
public class OutboxRepository {

	/**
	 * Row status of a pending row.
	 */
	static final int PENDING = 0;

	/**
	 * Row status of a published row kept for the retention period.
	 */
	static final int PUBLISHED = 1;

	/**
	 * Row status of a row given up after its attempts.
	 */
	static final int FAILED = 2;

	private static final int MAX_ERROR_LENGTH = 2000;

	private final JdbcTemplate jdbc;

	private final DatabaseDialect dialect;

	private final String insert;

	/**
	 * Create a repository.
	 * @param jdbc the JDBC template on the application's data source
	 * @param dialect the database's dialect
	 */
	public OutboxRepository(JdbcTemplate jdbc, DatabaseDialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.insert = "INSERT INTO dictamesh_outbox (event_id, event_type, topic, record_key, bucket, payload, "
				+ "headers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, " + dialect.now() + ")";
	}

	/**
	 * Return the dialect of the database.
	 * @return the dialect
	 */
	public DatabaseDialect getDialect() {
		return this.dialect;
	}

	/**
	 * Return the pending rows' count and the time the oldest was written, in one query on
	 * the pending-rows index.
	 * @return the backlog
	 */
	public OutboxBacklog backlog() {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*), MIN(created_at) FROM dictamesh_outbox WHERE status = " + PENDING, (rs, rowNum) -> {
					Timestamp oldest = rs.getTimestamp(2);
					return new OutboxBacklog(rs.getLong(1), (oldest != null) ? oldest.toInstant() : null);
				});
	}

	void insert(String eventId, String eventType, String topic, @Nullable String key, int bucket, byte[] payload,
			String headers) {
		this.jdbc.update(this.insert, eventId, eventType, topic, key, bucket, payload, headers);
	}

	/**
	 * Tell the relays listening on PostgreSQL that rows were written; delivered when the
	 * transaction commits, dropped when it rolls back.
	 */
	void notifyRelays() {
		this.jdbc.execute("NOTIFY " + PostgresRelayWakeUps.CHANNEL);
	}

	List<OutboxRow> findPending(@Nullable Collection<Integer> buckets, int limit) {
		String where = (buckets != null) ? " AND bucket IN (" + inList(buckets) + ")" : "";
		return this.jdbc.query(
				"SELECT id, event_id, topic, record_key, payload, headers, attempts, created_at FROM dictamesh_outbox "
						+ "WHERE status = " + PENDING + where + " ORDER BY id LIMIT ?",
				(rs, rowNum) -> new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getBytes(5), rs.getString(6), rs.getInt(7), rs.getTimestamp(8).toInstant()),
				limit);
	}

	void markPublished(Collection<Long> ids, boolean keep) {
		if (ids.isEmpty()) {
			return;
		}
		String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
		if (keep) {
			this.jdbc.update("UPDATE dictamesh_outbox SET status = " + PUBLISHED + ", published_at = "
					+ this.dialect.now() + " WHERE id IN (" + in + ")");
		}
		else {
			this.jdbc.update("DELETE FROM dictamesh_outbox WHERE id IN (" + in + ")");
		}
	}

	/**
	 * Count a failed attempt of a row; the row is marked failed once it reached the given
	 * attempts.
	 */
	void recordFailure(long id, String error, int maxAttempts) {
		String trimmed = (error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
		// status first: MySQL evaluates SET assignments left to right with the new
		// values.
		this.jdbc.update(
				"UPDATE dictamesh_outbox SET status = CASE WHEN attempts + 1 >= ? THEN " + FAILED
						+ " ELSE status END, attempts = attempts + 1, last_error = ? WHERE id = ?",
				maxAttempts, trimmed, id);
	}

	int deletePublished(long olderThanMillis, int limit) {
		return this.jdbc.update(
				this.dialect.deleteLimited("dictamesh_outbox",
						"status = " + PUBLISHED + " AND published_at < " + this.dialect.nowPlusMillis(), "id"),
				-olderThanMillis, limit);
	}

	void createLeases(int buckets) {
		Set<Integer> existing = new HashSet<>(
				this.jdbc.queryForList("SELECT bucket FROM dictamesh_outbox_lease", Integer.class));
		for (int bucket = 0; bucket < buckets; bucket++) {
			if (!existing.contains(bucket)) {
				try {
					this.jdbc.update("INSERT INTO dictamesh_outbox_lease (bucket, owner, expires_at) VALUES (?, NULL, "
							+ this.dialect.now() + ")", bucket);
				}
				catch (DuplicateKeyException ex) {
					// Another instance created it first.
				}
			}
		}
	}

	/**
	 * Record that an instance is alive until its lease would expire: instances judge each
	 * other by the lease each declared, whatever their own.
	 */
	void heartbeat(String instanceId, long leaseMillis) {
		int updated = this.jdbc.update("UPDATE dictamesh_outbox_instance SET expires_at = "
				+ this.dialect.nowPlusMillis() + " WHERE instance_id = ?", leaseMillis, instanceId);
		if (updated == 0) {
			try {
				this.jdbc.update("INSERT INTO dictamesh_outbox_instance (instance_id, expires_at) VALUES (?, "
						+ this.dialect.nowPlusMillis() + ")", instanceId, leaseMillis);
			}
			catch (DuplicateKeyException ex) {
				// Inserted by a concurrent heartbeat of the same instance.
			}
		}
	}

	int countLiveInstances() {
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM dictamesh_outbox_instance WHERE expires_at > " + this.dialect.now(),
				Integer.class);
		return (count != null) ? count : 0;
	}

	void forgetInstance(String instanceId) {
		this.jdbc.update("DELETE FROM dictamesh_outbox_instance WHERE instance_id = ?", instanceId);
	}

	void forgetDeadInstances(long deadForMillis) {
		this.jdbc.update("DELETE FROM dictamesh_outbox_instance WHERE expires_at < " + this.dialect.nowPlusMillis(),
				-deadForMillis);
	}

	/**
	 * Extend the leases the instance holds and return their buckets.
	 */
	List<Integer> renewLeases(String instanceId, long leaseMillis) {
		this.jdbc.update(
				"UPDATE dictamesh_outbox_lease SET expires_at = " + this.dialect.nowPlusMillis() + " WHERE owner = ?",
				leaseMillis, instanceId);
		return this.jdbc.queryForList("SELECT bucket FROM dictamesh_outbox_lease WHERE owner = ? ORDER BY bucket",
				Integer.class, instanceId);
	}

	List<Integer> findClaimableBuckets() {
		return this.jdbc.queryForList("SELECT bucket FROM dictamesh_outbox_lease WHERE owner IS NULL OR expires_at < "
				+ this.dialect.now() + " ORDER BY bucket", Integer.class);
	}

	/**
	 * Take a bucket whose lease is free or expired.
	 * @return whether the instance now holds the bucket
	 */
	boolean claim(int bucket, String instanceId, long leaseMillis) {
		return this.jdbc.update(
				"UPDATE dictamesh_outbox_lease SET owner = ?, expires_at = " + this.dialect.nowPlusMillis()
						+ " WHERE bucket = ? AND (owner IS NULL OR expires_at < " + this.dialect.now() + ")",
				instanceId, leaseMillis, bucket) == 1;
	}

	void release(String instanceId, Collection<Integer> buckets) {
		if (buckets.isEmpty()) {
			return;
		}
		this.jdbc.update("UPDATE dictamesh_outbox_lease SET owner = NULL, expires_at = " + this.dialect.now()
				+ " WHERE owner = ? AND bucket IN (" + inList(buckets) + ")", instanceId);
	}

	private static String inList(Collection<Integer> values) {
		List<String> parts = new ArrayList<>(values.size());
		values.forEach((value) -> parts.add(String.valueOf(value)));
		return String.join(",", parts);
	}

}
