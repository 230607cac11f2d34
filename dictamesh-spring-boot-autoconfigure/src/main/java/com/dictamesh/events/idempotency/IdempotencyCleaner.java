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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Deletes idempotency marks older than their time to live on a schedule, in bounded
 * batches so that writers are never blocked for long.
 */
public class IdempotencyCleaner implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(IdempotencyCleaner.class);

	private static final int MAX_BATCHES_PER_RUN = 100;

	private final IdempotencyStore store;

	private final Duration timeToLive;

	private final Duration interval;

	private final int batchSize;

	private final IdempotencyListener listener;

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create a cleaner.
	 * @param store the store
	 * @param timeToLive how long marks are kept
	 * @param interval how often expired marks are deleted
	 * @param batchSize the most marks deleted per statement
	 * @param listener the listener told of deletions
	 */
	public IdempotencyCleaner(IdempotencyStore store, Duration timeToLive, Duration interval, int batchSize,
			IdempotencyListener listener) {
		this.store = store;
		this.timeToLive = timeToLive;
		this.interval = interval;
		this.batchSize = batchSize;
		this.listener = listener;
	}

	/**
	 * Delete the expired marks now.
	 * @return the number deleted
	 */
	public int deleteExpired() {
		int total = 0;
		for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
			int deleted = this.store.deleteExpired(this.timeToLive, this.batchSize);
			total += deleted;
			if (deleted < this.batchSize) {
				break;
			}
		}
		if (total > 0) {
			this.listener.expiredDeleted(total);
		}
		return total;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "dictamesh-idempotency-cleaner");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(() -> {
			try {
				deleteExpired();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not delete expired idempotency marks: " + ex.getMessage());
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
