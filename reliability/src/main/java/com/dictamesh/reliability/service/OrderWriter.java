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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.dictamesh.events.outbox.OutboxEventPublisher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Writes orders, each in a transaction of its own with its {@code entity.created} event
 * in the outbox, until the configured number of orders exists. It counts the orders
 * already written first, so a restarted service goes on where the killed one stopped;
 * instances sharing a database write the same orders, each skipping those another
 * committed, so that the survivor of two writes on alone.
 */
@Component
class OrderWriter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OrderWriter.class);

	private final JdbcClient jdbc;

	private final TransactionOperations transaction;

	private final OutboxEventPublisher outbox;

	private final LoadProperties load;

	private volatile boolean running;

	private @Nullable Thread thread;

	OrderWriter(JdbcClient jdbc, TransactionOperations transaction, OutboxEventPublisher outbox, LoadProperties load) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.outbox = outbox;
		this.load = load;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		Path readyFile = this.load.getReadyFile();
		if (readyFile != null) {
			try {
				Files.writeString(readyFile, Long.toString(ProcessHandle.current().pid()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		Thread writer = new Thread(this::write, "reliability-order-writer");
		writer.setDaemon(true);
		this.thread = writer;
		writer.start();
	}

	private void write() {
		if (!awaitStartFile()) {
			return;
		}
		long next = this.jdbc.sql("SELECT COUNT(*) FROM reliability_order").query(Long.class).single();
		int keys = this.load.getKeys();
		logger.info("Writing orders " + next + " to " + this.load.getOrders() + " at "
				+ ((this.load.getRate() > 0) ? this.load.getRate() + "/s" : "full speed")
				+ ((keys > 0) ? " over " + keys + " entities" : ""));
		long started = System.nanoTime();
		long first = next;
		long failures = 0;
		while (this.running && next < this.load.getOrders()) {
			long sequence = next;
			String entityId = Long.toString((keys > 0) ? sequence % keys : sequence);
			try {
				this.transaction.executeWithoutResult((status) -> {
					// An order that exists already is skipped with its event: its commit
					// reached the database before the connection broke, or another
					// instance writing the same orders committed it first (the insert
					// waits for that instance's transaction, so a key's events are
					// written one after the other whichever instance writes them).
					int inserted = this.jdbc
						.sql("INSERT INTO reliability_order (seq, created_at) VALUES (?, CURRENT_TIMESTAMP) "
								+ "ON CONFLICT (seq) DO NOTHING")
						.param(sequence)
						.update();
					if (inserted == 1) {
						this.outbox.entityCreated("order", entityId, Map.of("seq", sequence));
					}
				});
				next++;
			}
			catch (RuntimeException ex) {
				// The database is away: a real service would fail the request; this one
				// tries the same order again until the database is back.
				if (failures++ % 50 == 0) {
					logger.warn("Order " + sequence + " not written, retrying: " + ex.getMessage());
				}
				pause(100);
				continue;
			}
			if (this.load.getRate() > 0) {
				long due = started + (next - first) * TimeUnit.SECONDS.toNanos(1) / this.load.getRate();
				pause(TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime()));
			}
		}
		logger.info("Orders written: " + next);
	}

	/**
	 * Wait for the start file, when the harness named one.
	 * @return whether to write, {@code false} if stopped first
	 */
	private boolean awaitStartFile() {
		Path startFile = this.load.getStartFile();
		if (startFile != null) {
			logger.info("Waiting for " + startFile + " to start writing");
			while (this.running && !Files.exists(startFile)) {
				pause(100);
			}
		}
		return this.running;
	}

	private void pause(long millis) {
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.running = false;
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		Thread writer = this.thread;
		if (writer != null) {
			try {
				writer.join(TimeUnit.SECONDS.toMillis(10));
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

}
