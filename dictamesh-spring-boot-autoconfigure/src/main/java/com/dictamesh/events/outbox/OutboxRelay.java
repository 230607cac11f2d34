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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerPostProcessor;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes outbox rows to Kafka, in id order per key, from one thread per application
 * instance.
 * <p>
 * Rows carry a bucket, a hash of their key. Each bucket is leased in
 * {@code dictamesh_outbox_lease} to one live relay instance at a time, which alone
 * publishes its rows, in id order; the instances share the buckets evenly and hand them
 * over between batches. A crashed instance's buckets are taken over once its lease has
 * expired. The relay only starts a batch while at least half of its lease is left, and
 * its producer gives up on a send within a third of the lease, so an instance whose lease
 * lapses (a long pause, a lost database) has stopped sending before anyone else may
 * start: two instances never publish one bucket at the same time. Lease times are the
 * database's, so instances need not agree on the clock.
 * <p>
 * Rows are marked published only after the broker acknowledged them. A crash between the
 * acknowledgment and the mark publishes the rows again: delivery is at least once.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final OutboxRepository repository;

	private final KafkaOperations<byte[], byte[]> kafka;

	private final JsonMapper jsonMapper;

	private final Settings settings;

	private final String instanceId;

	private final Semaphore wakeUps = new Semaphore(0);

	// Held by whoever reads, sends and marks rows: the relay thread or a caller of
	// publishPending().
	private final ReentrantLock work = new ReentrantLock();

	private volatile boolean publishOnCommit;

	private final long leaseNanos;

	private volatile @Nullable Thread thread;

	private volatile boolean running;

	private volatile boolean halted;

	private volatile @Nullable Consumer<List<OutboxRow>> beforeMark;

	private volatile OutboxRelayListener listener = new OutboxRelayListener() {
	};

	private volatile List<Integer> ownedBuckets = List.of();

	private long leaseUsableUntil;

	private long nextHeartbeat;

	private long nextCleanup;

	private long pausedUntil;

	private long backoffNanos;

	// Set by a send that failed transiently, on the producer's thread: the producer was
	// closed there, and the batch being sent stops.
	private volatile boolean sendFailed;

	private long heartbeats;

	/**
	 * Create a relay.
	 * @param repository the outbox repository
	 * @param kafka the Kafka operations sending byte arrays, whose delivery timeout is
	 * below a third of the lease duration and whose producers stop at their first failed
	 * send ({@link #stopAtFailure()})
	 * @param jsonMapper the mapper that reads the headers column
	 * @param settings the relay's settings
	 */
	public OutboxRelay(OutboxRepository repository, KafkaOperations<byte[], byte[]> kafka, JsonMapper jsonMapper,
			Settings settings) {
		this.repository = repository;
		this.kafka = kafka;
		this.jsonMapper = jsonMapper;
		this.settings = settings;
		this.instanceId = settings.instanceName() + "-" + UUID.randomUUID();
		this.leaseNanos = settings.leaseDuration().toNanos();
	}

	/**
	 * Set the listener told what the relay does.
	 * @param listener the listener
	 */
	public void setListener(OutboxRelayListener listener) {
		this.listener = listener;
	}

	/**
	 * Return the id under which this instance holds leases.
	 * @return the instance id
	 */
	public String getInstanceId() {
		return this.instanceId;
	}

	/**
	 * Return the buckets this instance publishes.
	 * @return the bucket numbers
	 */
	public List<Integer> getOwnedBuckets() {
		return this.ownedBuckets;
	}

	/**
	 * Return whether this instance publishes every bucket, so that no other instance
	 * needs to be told of new rows.
	 * @return whether the instance owns all buckets
	 */
	public boolean ownsAllBuckets() {
		return this.ownedBuckets.size() == this.settings.buckets();
	}

	/**
	 * Set whether a commit that wrote rows has them published before the commit returns
	 * to its caller, instead of waking the relay thread. For tests, which then need not
	 * wait for the events; the relay thread keeps running, for rows it could not publish.
	 * @param publishOnCommit whether commits publish their rows at once
	 */
	public void setPublishOnCommit(boolean publishOnCommit) {
		this.publishOnCommit = publishOnCommit;
	}

	/**
	 * Tell the relay that a transaction that wrote rows committed: publish them at once
	 * when {@link #setPublishOnCommit(boolean) asked to}, else wake the relay thread.
	 */
	public void committed() {
		if (!this.publishOnCommit) {
			wakeUp();
			return;
		}
		// The committing thread may still hold the finished transaction's connection,
		// whose statements would never commit: publish on a thread of its own.
		CompletableFuture<Integer> publishing = CompletableFuture.supplyAsync(this::publishPending, (task) -> {
			Thread thread = new Thread(task, "dictamesh-outbox-relay-on-commit");
			thread.setDaemon(true);
			thread.start();
		});
		try {
			publishing.get(this.settings.leaseDuration().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Outbox relay " + this.instanceId + " could not publish the committed rows at once; the relay "
					+ "thread will: " + ex);
			wakeUp();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			wakeUp();
		}
	}

	/**
	 * Publish this instance's pending rows now, on the calling thread, and wait until the
	 * broker acknowledged them and they are marked. Rows the broker refused stay pending,
	 * for the relay thread. Call it outside a transaction.
	 * @return the number of rows published
	 */
	public int publishPending() {
		this.work.lock();
		try {
			if (!holdsUsableLeases()) {
				heartbeat();
			}
			int published = 0;
			boolean more = !this.ownedBuckets.isEmpty();
			while (more) {
				// A long drain renews its leases as the relay thread does, and stops
				// where
				// they could no longer be trusted: another instance may take them over.
				if (System.nanoTime() - this.nextHeartbeat >= 0) {
					heartbeat();
				}
				if (!holdsUsableLeases()) {
					break;
				}
				Batch batch = publishBatch();
				published += batch.published();
				more = batch.more();
			}
			return published;
		}
		finally {
			this.work.unlock();
		}
	}

	/**
	 * Ask the relay to look for rows now, for example after a commit that wrote some.
	 */
	public void wakeUp() {
		if (this.wakeUps.availablePermits() == 0) {
			this.wakeUps.release();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.halted = false;
		Thread relay = new Thread(this::run, "dictamesh-outbox-relay");
		relay.setDaemon(true);
		this.thread = relay;
		relay.start();
	}

	@Override
	public void stop() {
		this.running = false;
		wakeUp();
		Thread relay = this.thread;
		if (relay != null) {
			try {
				relay.join(this.settings.leaseDuration().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (!this.halted) {
			try {
				this.repository.release(this.instanceId, this.ownedBuckets);
				this.repository.forgetInstance(this.instanceId);
			}
			catch (RuntimeException ex) {
				logger.warn("Outbox relay " + this.instanceId + " could not release its leases; they expire in "
						+ this.settings.leaseDuration() + ": " + ex.getMessage());
			}
		}
		this.ownedBuckets = List.of();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Start after and stop before the event handler containers.
		return Integer.MAX_VALUE - 200;
	}

	/**
	 * Stop at once, as a crash would: a batch in flight is not marked and the leases are
	 * not released. For tests of the takeover.
	 */
	void haltAbruptly() {
		this.halted = true;
		this.running = false;
		wakeUp();
	}

	/**
	 * Run an action after a batch was sent and acknowledged, before it is marked. For
	 * tests that crash a relay mid-batch.
	 * @param action the action, given the batch
	 */
	void beforeMark(@Nullable Consumer<List<OutboxRow>> action) {
		this.beforeMark = action;
	}

	private void run() {
		logger.info("Outbox relay " + this.instanceId + " started");
		while (this.running && !this.halted) {
			try {
				boolean more = false;
				this.work.lock();
				try {
					long now = System.nanoTime();
					if (now - this.nextHeartbeat >= 0) {
						heartbeat();
					}
					if (this.settings.keepsPublishedRows() && now - this.nextCleanup >= 0) {
						cleanUp();
					}
					if (now - this.pausedUntil >= 0 && holdsUsableLeases()) {
						more = publishBatch().more();
					}
				}
				finally {
					this.work.unlock();
				}
				if (!more) {
					waitForWork();
				}
			}
			catch (RuntimeException ex) {
				if (this.halted) {
					break;
				}
				pause("Outbox relay " + this.instanceId + " failed", ex);
				waitForWork();
			}
		}
		logger.info("Outbox relay " + this.instanceId + (this.halted ? " halted" : " stopped"));
	}

	private void heartbeat() {
		long started = System.nanoTime();
		if (this.heartbeats == 0) {
			this.repository.createLeases(this.settings.buckets());
		}
		this.heartbeats++;
		this.repository.heartbeat(this.instanceId, this.settings.leaseDuration().toMillis());
		long leaseMillis = this.settings.leaseDuration().toMillis();
		List<Integer> mine = new ArrayList<>(this.repository.renewLeases(this.instanceId, leaseMillis));
		int live = Math.max(1, this.repository.countLiveInstances());
		int share = (this.settings.buckets() + live - 1) / live;
		if (mine.size() > share) {
			List<Integer> extra = new ArrayList<>(mine.subList(share, mine.size()));
			this.repository.release(this.instanceId, extra);
			mine.removeAll(extra);
		}
		else if (mine.size() < share) {
			List<Integer> claimable = new ArrayList<>(this.repository.findClaimableBuckets());
			Collections.shuffle(claimable);
			for (Integer bucket : claimable) {
				if (mine.size() >= share) {
					break;
				}
				if (this.repository.claim(bucket, this.instanceId, leaseMillis)) {
					mine.add(bucket);
				}
			}
		}
		Collections.sort(mine);
		if (!mine.equals(this.ownedBuckets) && logger.isDebugEnabled()) {
			logger.debug("Outbox relay " + this.instanceId + " publishes buckets " + mine + " of "
					+ this.settings.buckets() + " with " + live + " live instance(s)");
		}
		this.ownedBuckets = List.copyOf(mine);
		this.leaseUsableUntil = started + this.leaseNanos / 2;
		this.nextHeartbeat = started + this.leaseNanos / 3;
		if (this.heartbeats % 100 == 0) {
			this.repository.forgetDeadInstances(leaseMillis * 10);
		}
	}

	private void cleanUp() {
		long retention = this.settings.retention().toMillis();
		int limit = this.settings.cleanupBatchSize();
		for (int i = 0; i < 10 && this.repository.deletePublished(retention, limit) == limit; i++) {
			// bounded batches, so writers are never blocked for long
		}
		this.nextCleanup = System.nanoTime() + this.settings.cleanupInterval().toNanos();
	}

	/**
	 * Return whether this instance owns buckets and enough of their lease is left to
	 * start a batch under it.
	 */
	private boolean holdsUsableLeases() {
		return !this.ownedBuckets.isEmpty() && System.nanoTime() - this.leaseUsableUntil < 0;
	}

	/**
	 * Publish one batch of the owned buckets' rows.
	 * @return how many rows were published, and whether a full batch was read, so more
	 * rows may be waiting
	 */
	private Batch publishBatch() {
		List<Integer> owned = this.ownedBuckets;
		List<OutboxRow> rows = this.repository.findPending((owned.size() == this.settings.buckets()) ? null : owned,
				this.settings.batchSize());
		if (rows.isEmpty()) {
			return Batch.NONE;
		}
		Set<String> blockedKeys = new HashSet<>();
		List<InFlight> inFlight = new ArrayList<>(rows.size());
		boolean transientFailure = false;
		Throwable firstFailure = null;
		this.sendFailed = false;
		for (OutboxRow row : rows) {
			String key = orderKey(row);
			if (blockedKeys.contains(key)) {
				continue;
			}
			if (this.sendFailed) {
				// A send of this batch failed and its producer is closed: a row sent now
				// would go through a new producer, perhaps ahead of an earlier row of its
				// key that the closed one gave up.
				transientFailure = true;
				break;
			}
			CompletableFuture<SendResult<byte[], byte[]>> future;
			try {
				future = this.kafka.send(toRecord(row));
				future.whenComplete((result, ex) -> {
					if (ex != null) {
						sendFailed(ex);
					}
				});
			}
			catch (RuntimeException ex) {
				future = CompletableFuture.failedFuture(ex);
			}
			if (future.isCompletedExceptionally()) {
				// Refused before sending (too large, not serializable): hold back the
				// key's later rows so they cannot overtake this one.
				Throwable cause = causeOf(future);
				blockedKeys.add(key);
				if (isPermanent(cause)) {
					recordFailure(row, cause);
					continue;
				}
				transientFailure = true;
				firstFailure = cause;
				break;
			}
			inFlight.add(new InFlight(row, key, future));
		}
		if (!inFlight.isEmpty()) {
			// The whole batch is waited for anyway: send it now rather than after the
			// producer's linger, which a relay woken by a commit would add to its
			// latency.
			this.kafka.flush();
		}
		List<Long> published = new ArrayList<>(inFlight.size());
		List<OutboxRow> publishedRows = new ArrayList<>(inFlight.size());
		long timeoutMillis = this.settings.leaseDuration().toMillis() / 2;
		for (InFlight sent : inFlight) {
			try {
				sent.future().get(timeoutMillis, TimeUnit.MILLISECONDS);
				if (!blockedKeys.contains(sent.key())) {
					published.add(sent.row().id());
					publishedRows.add(sent.row());
				}
			}
			catch (ExecutionException ex) {
				blockedKeys.add(sent.key());
				if (isPermanent(ex.getCause())) {
					recordFailure(sent.row(), ex.getCause());
				}
				else {
					transientFailure = true;
					firstFailure = (firstFailure != null) ? firstFailure : ex.getCause();
				}
			}
			catch (TimeoutException ex) {
				blockedKeys.add(sent.key());
				transientFailure = true;
				firstFailure = (firstFailure != null) ? firstFailure : ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Batch.NONE;
			}
		}
		Consumer<List<OutboxRow>> hook = this.beforeMark;
		if (hook != null) {
			hook.accept(rows);
		}
		if (this.halted) {
			return Batch.NONE;
		}
		this.repository.markPublished(published, this.settings.keepsPublishedRows());
		this.listener.published(published.size());
		Instant marked = Instant.now();
		for (OutboxRow row : publishedRows) {
			this.listener.rowPublished(row, Duration.between(row.createdAt(), marked));
		}
		if (transientFailure) {
			replaceProducer();
			this.listener.batchFailed(rows.size() - published.size());
			pause("Outbox relay " + this.instanceId + " could not publish " + (rows.size() - published.size()) + " of "
					+ rows.size() + " rows; they stay pending", firstFailure);
			return new Batch(published.size(), false);
		}
		this.backoffNanos = 0;
		return new Batch(published.size(), rows.size() == this.settings.batchSize());
	}

	/**
	 * Stop the batch at a send that failed transiently. Its producer closed itself in
	 * that send's callback (see {@link #stopAtFailure()}): a row sent now would fail too,
	 * or go through a new producer, perhaps ahead of an earlier row of its key that the
	 * closed one gave up.
	 */
	private void sendFailed(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (!isPermanent(cause)) {
			this.sendFailed = true;
		}
	}

	/**
	 * Drop the producer that failed, so that the next batch gets a new one. On the relay
	 * thread, once the batch's sends are all done: the failed producer already stopped
	 * sending.
	 */
	private void replaceProducer() {
		if (this.kafka instanceof KafkaTemplate<byte[], byte[]> template) {
			template.getProducerFactory().reset();
		}
	}

	/**
	 * Return the post-processor that the relay's producer factory needs, so that each
	 * producer it creates closes itself at its first send that failed for a reason that
	 * is not the record's own: an idempotent producer that gave up a batch goes on with
	 * the partition's later batches, which would then overtake rows that the relay sends
	 * again.
	 * @return the post-processor
	 */
	public static ProducerPostProcessor<byte[], byte[]> stopAtFailure() {
		return (producer) -> new StopAtFailureProducer<>(producer, OutboxRelay::isPermanent);
	}

	private ProducerRecord<byte[], byte[]> toRecord(OutboxRow row) {
		RecordHeaders headers = new RecordHeaders();
		this.jsonMapper.readValue(row.headers(), HEADERS)
			.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
		byte[] key = (row.key() != null) ? row.key().getBytes(StandardCharsets.UTF_8) : null;
		return new ProducerRecord<>(row.topic(), null, key, row.payload(), headers);
	}

	private void recordFailure(OutboxRow row, Throwable cause) {
		// Keep what an operator can act on: the client's own exception, not Spring's
		// "Send failed" wrapper.
		String error = NestedExceptionUtils.getMostSpecificCause(cause).toString();
		// Only the bucket's owner updates the row, so its attempts are those it read.
		boolean failed = row.attempts() + 1 >= this.settings.maxAttempts();
		this.repository.recordFailure(row.id(), error, this.settings.maxAttempts());
		this.listener.rowFailed(row, error, failed);
		if (failed) {
			logger.error("Outbox row " + row.id() + " (event " + row.eventId() + " to " + row.topic()
					+ ") is marked failed after " + (row.attempts() + 1) + " attempts and will not be published: "
					+ error);
		}
		else {
			logger.warn("Outbox row " + row.id() + " (event " + row.eventId() + " to " + row.topic() + ") attempt "
					+ (row.attempts() + 1) + " failed: " + error);
		}
	}

	private void pause(String message, @Nullable Throwable ex) {
		long initial = this.settings.backoffInitial().toNanos();
		this.backoffNanos = (this.backoffNanos == 0) ? initial
				: Math.min(this.backoffNanos * 2, this.settings.backoffMax().toNanos());
		this.pausedUntil = System.nanoTime() + this.backoffNanos;
		// The client's own exception says why (a broker away, a topic the principal may
		// not write), not Spring's "Send failed" wrapper.
		String detail = (ex != null) ? ": " + NestedExceptionUtils.getMostSpecificCause(ex) : "";
		logger.warn(message + detail + "; retrying in " + Duration.ofNanos(this.backoffNanos).toMillis() + " ms");
	}

	private void waitForWork() {
		long now = System.nanoTime();
		long until = Math.min(this.nextHeartbeat, now + this.settings.pollInterval().toNanos());
		if (this.pausedUntil - now > 0) {
			until = Math.min(this.nextHeartbeat, this.pausedUntil);
		}
		long waitNanos = until - now;
		if (waitNanos <= 0) {
			return;
		}
		try {
			if (this.pausedUntil - now > 0) {
				// Paused after a failure: commits do not cut the back-off short.
				TimeUnit.NANOSECONDS.sleep(waitNanos);
			}
			else if (this.wakeUps.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
				this.wakeUps.drainPermits();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private static String orderKey(OutboxRow row) {
		return (row.key() != null) ? row.key() : "#" + row.id();
	}

	private static Throwable causeOf(CompletableFuture<?> future) {
		try {
			future.join();
			return new IllegalStateException("not failed");
		}
		catch (RuntimeException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	private static boolean isPermanent(@Nullable Throwable ex) {
		Throwable candidate = ex;
		while (candidate != null) {
			if (candidate instanceof RecordTooLargeException || candidate instanceof RecordBatchTooLargeException
					|| candidate instanceof SerializationException || candidate instanceof InvalidTopicException) {
				return true;
			}
			candidate = candidate.getCause();
		}
		return false;
	}

	/**
	 * What one batch did: the rows it published, and whether more may be waiting.
	 */
	private record Batch(int published, boolean more) {

		static final Batch NONE = new Batch(0, false);

	}

	private record InFlight(OutboxRow row, String key, CompletableFuture<SendResult<byte[], byte[]>> future) {
	}

	/**
	 * Settings of a relay.
	 *
	 * @param instanceName the prefix of the instance id, usually the application name
	 * @param buckets the number of key buckets
	 * @param batchSize the rows read and published per batch
	 * @param pollInterval the longest wait between two looks for rows
	 * @param leaseDuration how long a bucket lease lasts without renewal
	 * @param maxAttempts the attempts before a row that cannot be published is marked
	 * failed
	 * @param backoffInitial the first pause after the broker or database failed
	 * @param backoffMax the longest pause
	 * @param retention how long published rows are kept; zero deletes them at once
	 * @param cleanupInterval how often kept rows past the retention are deleted
	 * @param cleanupBatchSize the rows deleted per statement
	 */
	public record Settings(String instanceName, int buckets, int batchSize, Duration pollInterval,
			Duration leaseDuration, int maxAttempts, Duration backoffInitial, Duration backoffMax, Duration retention,
			Duration cleanupInterval, int cleanupBatchSize) {

		boolean keepsPublishedRows() {
			return !this.retention.isZero() && !this.retention.isNegative();
		}

	}

}
