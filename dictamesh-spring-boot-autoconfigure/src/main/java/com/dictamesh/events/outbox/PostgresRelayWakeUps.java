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

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.context.SmartLifecycle;

/**
 * Wakes the local relay when another instance committed outbox rows, on PostgreSQL: the
 * writers {@code NOTIFY} the channel {@value #CHANNEL} in their transaction, and this
 * listener holds one connection of the pool in {@code LISTEN}. Rows of buckets this
 * instance publishes then go out right after the commit, wherever they were written,
 * instead of at the next poll.
 */
public class PostgresRelayWakeUps implements SmartLifecycle {

	/**
	 * The notification channel.
	 */
	public static final String CHANNEL = "dictamesh_outbox";

	private static final Log logger = LogFactory.getLog(PostgresRelayWakeUps.class);

	private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final OutboxRelay relay;

	private volatile @Nullable Thread thread;

	private volatile boolean running;

	/**
	 * Create a listener.
	 * @param dataSource the data source of the outbox
	 * @param relay the relay to wake
	 */
	public PostgresRelayWakeUps(DataSource dataSource, OutboxRelay relay) {
		this.dataSource = dataSource;
		this.relay = relay;
	}

	@Override
	public void start() {
		this.running = true;
		Thread listener = new Thread(this::listen, "dictamesh-outbox-listen");
		listener.setDaemon(true);
		this.thread = listener;
		listener.start();
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = postgres.getNotifications(500);
					if (notifications != null && notifications.length > 0) {
						this.relay.wakeUp();
					}
				}
			}
			catch (SQLException ex) {
				if (!this.running) {
					return;
				}
				logger.warn("Listening for outbox commits failed, retrying in " + RETRY_DELAY.toSeconds()
						+ " s (rows of other instances wait for the poll meanwhile): " + ex.getMessage());
				try {
					TimeUnit.MILLISECONDS.sleep(RETRY_DELAY.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		Thread listener = this.thread;
		if (listener != null) {
			try {
				listener.join(2_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 200;
	}

}
