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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemoryIdempotencyStore}.
 */
class InMemoryIdempotencyStoreTests {

	private Instant now = Instant.parse("2026-11-25T00:00:00Z");

	private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(3, new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return InMemoryIdempotencyStoreTests.this.now;
		}
	});

	@Test
	void marksEachEventOncePerHandler() {
		assertThat(this.store.mark("g", "h", "e")).isTrue();
		assertThat(this.store.mark("g", "h", "e")).isFalse();
		assertThat(this.store.mark("g", "other", "e")).isTrue();
		assertThat(this.store.findProcessed("g", "h", List.of("e", "unknown"))).containsExactly("e");
	}

	@Test
	void forgetsTheOldestMarksBeyondItsCapacity() {
		for (String id : List.of("1", "2", "3", "4")) {
			this.store.mark("g", "h", id);
		}
		assertThat(this.store.findProcessed("g", "h", List.of("1", "2", "3", "4"))).containsExactlyInAnyOrder("2", "3",
				"4");
	}

	@Test
	void deletesOnlyExpiredMarks() {
		this.store.mark("g", "h", "old");
		this.now = this.now.plus(Duration.ofHours(25));
		this.store.mark("g", "h", "new");
		assertThat(this.store.deleteExpired(Duration.ofHours(24), 10)).isOne();
		assertThat(this.store.findProcessed("g", "h", List.of("old", "new"))).containsExactly("new");
	}

}
