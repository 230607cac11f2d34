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
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.kafka.DictameshEventHandlerBeanPostProcessor;
import com.dictamesh.events.kafka.EventHandlerMethod;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IdempotentHandlerExecution} without a shared transaction.
 */
class IdempotentHandlerExecutionTests {

	private final Event event = Event.entityCreated("product", "1", null).build();

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void aStoreThatCannotBeReachedFailsTheHandlerInsteadOfProcessingUnchecked() {
		IdempotentHandlerExecution execution = new IdempotentHandlerExecution(new UnreachableStore(), null,
				new IdempotencyListener() {
				});

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> execution.execute(handler("idempotent"), "g", this.event, this.calls::incrementAndGet));
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void marksAfterSuccessAndSkipsTheNextDelivery() {
		InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(10, Clock.systemUTC());
		IdempotentHandlerExecution execution = new IdempotentHandlerExecution(store, null, new IdempotencyListener() {
		});
		EventHandlerMethod handler = handler("idempotent");

		execution.execute(handler, "g", this.event, this.calls::incrementAndGet);
		execution.execute(handler, "g", this.event, this.calls::incrementAndGet);

		assertThat(this.calls).hasValue(1);
		assertThat(execution.isTransactional()).isFalse();
	}

	@Test
	void aFailedHandlerLeavesNoMark() {
		InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(10, Clock.systemUTC());
		IdempotentHandlerExecution execution = new IdempotentHandlerExecution(store, null, new IdempotencyListener() {
		});
		EventHandlerMethod handler = handler("idempotent");

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> execution.execute(handler, "g", this.event, () -> {
				throw new IllegalStateException("down");
			}));
		execution.execute(handler, "g", this.event, this.calls::incrementAndGet);

		assertThat(this.calls).hasValue(1);
	}

	@Test
	void leavesHandlersThatOptedOutAlone() {
		IdempotentHandlerExecution execution = new IdempotentHandlerExecution(new UnreachableStore(), null,
				new IdempotencyListener() {
				});

		execution.execute(handler("notIdempotent"), "g", this.event, this.calls::incrementAndGet);
		execution.execute(handler("notIdempotent"), "g", this.event, this.calls::incrementAndGet);

		assertThat(this.calls).hasValue(2);
	}

	private static EventHandlerMethod handler(String method) {
		DictameshEventHandlerBeanPostProcessor postProcessor = new DictameshEventHandlerBeanPostProcessor();
		postProcessor.postProcessAfterInitialization(new Handlers(), "handlers");
		return postProcessor.getRegistry()
			.handlers()
			.stream()
			.filter((handler) -> handler.id().equals("Handlers." + method))
			.findFirst()
			.orElseThrow();
	}

	static class Handlers {

		@DictameshEventHandler("entity.created")
		void idempotent(Event event) {
		}

		@DictameshEventHandler(types = "entity.created", idempotent = false)
		void notIdempotent(Event event) {
		}

	}

	static class UnreachableStore implements IdempotencyStore {

		@Override
		public boolean mark(String group, String handlerId, String eventId) {
			throw new DataAccessResourceFailureException("database unreachable");
		}

		@Override
		public Set<String> findProcessed(String group, String handlerId, Collection<String> eventIds) {
			throw new DataAccessResourceFailureException("database unreachable");
		}

		@Override
		public int deleteExpired(Duration timeToLive, int limit) {
			return 0;
		}

		@Override
		public boolean isTransactional() {
			return false;
		}

	}

}
