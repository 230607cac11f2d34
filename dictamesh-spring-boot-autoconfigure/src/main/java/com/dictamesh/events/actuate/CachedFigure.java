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

package com.dictamesh.events.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;

/**
 * A figure computed in the background on an interval and cached, so that a reader (a
 * health probe, a gauge, an endpoint) never waits on the broker or the database. Each
 * figure has its own daemon thread; each refresh is bounded by a timeout, and a refresh
 * that fails or times out is cached as a failed {@link Snapshot} with its reason.
 *
 * @param <T> the type of the figure
 */
public abstract class CachedFigure<T> implements SmartLifecycle {

	private final Log logger = LogFactory.getLog(getClass());

	private final String name;

	private final Duration interval;

	private final Duration timeout;

	private final Clock clock;

	private final List<Consumer<Snapshot<T>>> listeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable Snapshot<T> snapshot;

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable ExecutorService worker;

	private @Nullable Future<T> inFlight;

	private @Nullable String lastLoggedError;

	private Function<Throwable, String> failureDescriber = CachedFigure::mostSpecificCause;

	/**
	 * Create a figure.
	 * @param name the name of the figure, used in thread names and logs
	 * @param interval the time between the end of a refresh and the start of the next
	 * @param timeout the longest a refresh may take before it counts as failed
	 * @param clock the clock that dates snapshots
	 */
	protected CachedFigure(String name, Duration interval, Duration timeout, Clock clock) {
		this.name = name;
		this.interval = interval;
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * Compute the figure; runs on the figure's worker thread.
	 * @return the figure
	 * @throws Exception when it cannot be computed
	 */
	protected abstract T compute() throws Exception;

	/**
	 * Return the last snapshot.
	 * @return the snapshot or {@code null} before the first refresh ended
	 */
	public @Nullable Snapshot<T> snapshot() {
		return this.snapshot;
	}

	/**
	 * Whether a snapshot is too old to be trusted: no refresh has ended for an interval
	 * and two timeouts.
	 * @param snapshot the snapshot
	 * @return whether it is stale
	 */
	public boolean isStale(Snapshot<?> snapshot) {
		Instant limit = snapshot.takenAt().plus(this.interval).plus(this.timeout.multipliedBy(2));
		return this.clock.instant().isAfter(limit);
	}

	/**
	 * Return the refresh interval.
	 * @return the interval
	 */
	public Duration getInterval() {
		return this.interval;
	}

	/**
	 * Return the refresh timeout.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Set what a failed refresh's snapshot says of its cause, by default the type and
	 * message of its most specific cause.
	 * @param failureDescriber the describer, given the exception the refresh failed with,
	 * its causes attached: a Kafka client wraps the one that says what happened (such as
	 * an {@code SslAuthenticationException}) around a lower-level one (the
	 * {@code SSLHandshakeException} it came from)
	 */
	public void setFailureDescriber(Function<Throwable, String> failureDescriber) {
		this.failureDescriber = failureDescriber;
	}

	/**
	 * Call {@code listener} with each new snapshot, on the figure's thread.
	 * @param listener the listener
	 */
	public void onRefresh(Consumer<Snapshot<T>> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Refresh the figure now, waiting at most the timeout.
	 * @return the new snapshot
	 */
	public synchronized Snapshot<T> refresh() {
		ExecutorService executor = this.worker;
		if (executor == null) {
			executor = startWorker();
		}
		Snapshot<T> refreshed;
		Future<T> running = this.inFlight;
		if (running != null && !running.isDone()) {
			// A computation that ignores its timeout keeps its thread: never pile up
			// more.
			refreshed = Snapshot.failed("the previous refresh has not ended after " + this.timeout, now());
		}
		else {
			running = executor.submit(this::compute);
			this.inFlight = running;
			refreshed = await(running);
		}
		this.snapshot = refreshed;
		log(refreshed);
		for (Consumer<Snapshot<T>> listener : this.listeners) {
			try {
				listener.accept(refreshed);
			}
			catch (RuntimeException ex) {
				this.logger.warn("Listener of figure " + this.name + " failed", ex);
			}
		}
		return refreshed;
	}

	private Snapshot<T> await(Future<T> running) {
		try {
			return Snapshot.of(running.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS), now());
		}
		catch (TimeoutException ex) {
			return Snapshot.failed("no answer within " + this.timeout, now());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Snapshot.failed("interrupted", now());
		}
		catch (ExecutionException ex) {
			Throwable failure = (ex.getCause() != null) ? ex.getCause() : ex;
			return Snapshot.failed(this.failureDescriber.apply(failure), now());
		}
	}

	private void log(Snapshot<T> refreshed) {
		String error = refreshed.error();
		if (error != null && !error.equals(this.lastLoggedError)) {
			this.logger.warn("Figure " + this.name + " could not be refreshed: " + error);
		}
		else if (error == null && this.lastLoggedError != null) {
			this.logger.info("Figure " + this.name + " refreshed again");
		}
		this.lastLoggedError = error;
	}

	private static String mostSpecificCause(Throwable failure) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private Instant now() {
		return this.clock.instant();
	}

	private ExecutorService startWorker() {
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> daemon(task, "-worker"));
		this.worker = executor;
		return executor;
	}

	private Thread daemon(Runnable task, String suffix) {
		Thread thread = new Thread(task, "dictamesh-" + this.name + suffix);
		thread.setDaemon(true);
		return thread;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, ""));
		executor.scheduleWithFixedDelay(this::refreshQuietly, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	private void refreshQuietly() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			this.logger.warn("Figure " + this.name + " could not be refreshed", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor;
		ExecutorService workerExecutor;
		synchronized (this) {
			executor = this.scheduler;
			workerExecutor = this.worker;
			this.scheduler = null;
			this.worker = null;
			this.inFlight = null;
		}
		if (executor != null) {
			executor.shutdownNow();
		}
		if (workerExecutor != null) {
			workerExecutor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
