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

import java.time.Duration;
import java.util.List;

/**
 * Told what the relay did, for metrics and alerts. Methods run on the relay thread and
 * must return quickly.
 */
public interface OutboxRelayListener {

	/**
	 * Rows were acknowledged by the broker and marked.
	 * @param rows the number of rows
	 */
	default void published(int rows) {
	}

	/**
	 * A row was acknowledged by the broker and marked.
	 * @param row the row
	 * @param sinceWritten how long after its transaction wrote it the row was published
	 */
	default void rowPublished(OutboxRow row, Duration sinceWritten) {
	}

	/**
	 * A row failed to publish for a reason no retry fixes.
	 * @param row the row
	 * @param error the error
	 * @param givenUp whether the row is now marked failed and will not be published
	 */
	default void rowFailed(OutboxRow row, String error, boolean givenUp) {
	}

	/**
	 * A batch could not be published, for example because the broker is down; its rows
	 * stay pending.
	 * @param pendingRows the rows of the batch that stay pending
	 */
	default void batchFailed(int pendingRows) {
	}

	/**
	 * A listener that tells each of {@code listeners}, in order, so that the metrics and
	 * an application's own listener both hear of everything.
	 * @param listeners the listeners
	 * @return the composite listener
	 */
	static OutboxRelayListener of(List<? extends OutboxRelayListener> listeners) {
		List<OutboxRelayListener> all = List.copyOf(listeners);
		return new OutboxRelayListener() {

			@Override
			public void published(int rows) {
				all.forEach((listener) -> listener.published(rows));
			}

			@Override
			public void rowPublished(OutboxRow row, Duration sinceWritten) {
				all.forEach((listener) -> listener.rowPublished(row, sinceWritten));
			}

			@Override
			public void rowFailed(OutboxRow row, String error, boolean givenUp) {
				all.forEach((listener) -> listener.rowFailed(row, error, givenUp));
			}

			@Override
			public void batchFailed(int pendingRows) {
				all.forEach((listener) -> listener.batchFailed(pendingRows));
			}

		};
	}

}
