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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A fault injected into one of the processes around the reliability service (the service
 * itself, the broker, the database) while it publishes through the outbox and consumes
 * its own events. Subclasses inject the fault; this class counts.
 */
abstract class ProcessFaultScenario implements Scenario {

	/**
	 * The share of the events the relay has published when the fault strikes.
	 */
	static final double FAULT_AT = 0.4;

	@Override
	public final Tally run(Scale scale, Path directory) throws Exception {
		return observe(scale, directory).tally();
	}

	/**
	 * Inject the fault and count, keeping the figures the tally only names in its note.
	 * @param scale how many events and how fast
	 * @param directory the scenario's directory
	 * @return the outcome
	 * @throws Exception if the scenario could not be run
	 */
	abstract Outcome observe(Scale scale, Path directory) throws Exception;

	/**
	 * How long the scenario waits for the events to settle after the fault: generous, as
	 * the machine may be shared.
	 * @param scale the scale
	 * @return the time-out
	 */
	static Duration settleTimeout(Scale scale) {
		return Duration.ofMinutes(2).plusMillis(scale.events() * 10L);
	}

	/**
	 * Wait until the relay has published a share of the events, the moment to strike.
	 * @param testbed the testbed
	 * @param scale the scale
	 * @return the progress at that moment
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Testbed.Progress awaitFaultPoint(Testbed testbed, Scale scale) throws InterruptedException {
		long target = (long) (scale.events() * FAULT_AT);
		Testbed.Progress progress = testbed.await(settleTimeout(scale), (current) -> current.published() >= target);
		if (progress == null) {
			throw new IllegalStateException(
					"The relay did not publish " + target + " events in time, see " + testbed.service().log());
		}
		return progress;
	}

	/**
	 * Wait, from now, until the relay has published and the handler has applied at least
	 * one more event than they had.
	 * @param testbed the testbed
	 * @param scale the scale
	 * @return how long each took, {@code null} for one that did not within the time-out
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Resumption awaitResumption(Testbed testbed, Scale scale) throws InterruptedException {
		Instant since = Instant.now();
		Testbed.Progress before = testbed.current();
		Duration relay = null;
		Duration handler = null;
		Instant deadline = since.plus(settleTimeout(scale));
		while ((relay == null || handler == null) && Instant.now().isBefore(deadline)) {
			Testbed.Progress progress = testbed.progress();
			if (progress != null) {
				if (relay == null && (progress.published() > before.published() || progress.pending() == 0)) {
					relay = Duration.between(since, Instant.now());
				}
				if (handler == null
						&& (progress.effects() > before.effects() || progress.effects() >= progress.outboxRows())) {
					handler = Duration.between(since, Instant.now());
				}
			}
			Thread.sleep(50);
		}
		return new Resumption(relay, handler);
	}

	static String seconds(@Nullable Duration duration) {
		return (duration != null) ? String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0) : "never";
	}

	/**
	 * How long the relay and the handler took to work again after a fault ended.
	 *
	 * @param relay until the relay published again, {@code null} if it did not
	 * @param handler until the handler applied an event again, {@code null} if it did not
	 */
	record Resumption(@Nullable Duration relay, @Nullable Duration handler) {

	}

	/**
	 * What a scenario saw.
	 *
	 * @param tally the row of the results table
	 * @param counts the counts behind it, handler effects included
	 * @param relayResumed the time from the end of the fault until the relay published
	 * again, or {@code null} if it did not
	 * @param handlerResumed the time from the end of the fault until the handler applied
	 * an event again, or {@code null} if it did not (or the fault did not stop it)
	 * @param settled whether every event was published and applied before the time-out
	 */
	record Outcome(Tally tally, Testbed.Counts counts, @Nullable Duration relayResumed,
			@Nullable Duration handlerResumed, boolean settled) {

	}

}
