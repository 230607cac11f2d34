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

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Bounded waits of the scenarios: poll a condition until it holds, a deadline passes, or
 * a figure stops moving, so that a scenario reports a stuck system instead of hanging.
 */
final class Waiting {

	private static final Duration POLL = Duration.ofMillis(200);

	private Waiting() {
	}

	/**
	 * Wait until a condition holds or a timeout passes.
	 * @param timeout the longest wait
	 * @param condition the condition
	 * @return whether the condition held in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	static boolean until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(POLL.toMillis());
		}
		return true;
	}

	/**
	 * Wait until a figure reaches zero, as long as it keeps moving: give up when it has
	 * not changed for {@code stall} or when {@code timeout} has passed.
	 * @param timeout the longest wait
	 * @param stall the longest wait without progress
	 * @param figure the figure, such as a consumer group's lag
	 * @return the figure's last value, 0 when it reached zero
	 * @throws InterruptedException if interrupted while waiting
	 */
	static long untilZero(Duration timeout, Duration stall, LongSupplier figure) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long value = figure.getAsLong();
		long movedAt = System.nanoTime();
		while (value != 0) {
			long now = System.nanoTime();
			if (now - deadline > 0 || now - movedAt > stall.toNanos()) {
				return value;
			}
			Thread.sleep(POLL.toMillis());
			long next = figure.getAsLong();
			if (next != value) {
				movedAt = System.nanoTime();
				value = next;
			}
		}
		return 0;
	}

}
