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

import java.util.List;

/**
 * Told what idempotent handling did, for metrics. Methods must return quickly.
 */
public interface IdempotencyListener {

	/**
	 * An event was skipped because its handler had processed it before.
	 * @param group the consumer group
	 * @param handlerId the handler
	 */
	default void duplicateSkipped(String group, String handlerId) {
	}

	/**
	 * An event was processed and marked.
	 * @param group the consumer group
	 * @param handlerId the handler
	 */
	default void marked(String group, String handlerId) {
	}

	/**
	 * Expired marks were deleted.
	 * @param count the number deleted
	 */
	default void expiredDeleted(int count) {
	}

	/**
	 * A listener that tells each of {@code listeners}, in order, so that the metrics and
	 * an application's own listener both hear of everything.
	 * @param listeners the listeners
	 * @return the composite listener
	 */
	static IdempotencyListener of(List<? extends IdempotencyListener> listeners) {
		List<IdempotencyListener> all = List.copyOf(listeners);
		return new IdempotencyListener() {

			@Override
			public void duplicateSkipped(String group, String handlerId) {
				all.forEach((listener) -> listener.duplicateSkipped(group, handlerId));
			}

			@Override
			public void marked(String group, String handlerId) {
				all.forEach((listener) -> listener.marked(group, handlerId));
			}

			@Override
			public void expiredDeleted(int count) {
				all.forEach((listener) -> listener.expiredDeleted(count));
			}

		};
	}

}
