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

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One refresh of a {@link CachedFigure}: its value, or the error that prevented it.
 *
 * @param <T> the type of the figure
 * @param value the figure, {@code null} when the refresh failed
 * @param takenAt when the refresh ended
 * @param error why the refresh failed, {@code null} when it succeeded
 */
public record Snapshot<T>(@Nullable T value, Instant takenAt, @Nullable String error) {

	/**
	 * Return a snapshot of a figure.
	 * @param <T> the type of the figure
	 * @param value the figure
	 * @param takenAt when it was taken
	 * @return the snapshot
	 */
	public static <T> Snapshot<T> of(T value, Instant takenAt) {
		return new Snapshot<>(value, takenAt, null);
	}

	/**
	 * Return the snapshot of a failed refresh.
	 * @param <T> the type of the figure
	 * @param error why it failed
	 * @param takenAt when it failed
	 * @return the snapshot
	 */
	public static <T> Snapshot<T> failed(String error, Instant takenAt) {
		return new Snapshot<>(null, takenAt, error);
	}

	/**
	 * Whether the refresh failed.
	 * @return {@code true} when there is no value
	 */
	public boolean isFailed() {
		return this.value == null;
	}

}
