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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.dictamesh.events.Event;
import com.dictamesh.events.kafka.EventHandlerExecution;
import com.dictamesh.events.kafka.EventHandlerMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Runs idempotent handlers so that each event's effect happens once per handler and
 * consumer group.
 * <p>
 * With a transactional store and a transaction manager, the handler runs in a transaction
 * that first writes the event's processed mark (a unique key) and then calls the handler:
 * the mark commits with the handler's own database writes, or neither does. A redelivered
 * event finds the mark and is skipped; a consumer that receives the same event at the
 * same time waits on the first one's mark and then skips it. Without a shared
 * transaction, the mark is written after the handler succeeded: a crash between the two
 * repeats the handler once.
 */
public class IdempotentHandlerExecution implements EventHandlerExecution {

	private final IdempotencyStore store;

	private final @Nullable TransactionOperations transaction;

	private final IdempotencyListener listener;

	/**
	 * Create an execution.
	 * @param store the store of marks
	 * @param transaction the transaction the mark and the handler share, or {@code null}
	 * @param listener the listener told of duplicates and marks
	 */
	public IdempotentHandlerExecution(IdempotencyStore store, @Nullable TransactionOperations transaction,
			IdempotencyListener listener) {
		this.store = store;
		this.transaction = (store.isTransactional()) ? transaction : null;
		this.listener = listener;
	}

	@Override
	public void execute(EventHandlerMethod handler, String groupId, Event event, Runnable invocation) {
		if (!handler.isIdempotent()) {
			invocation.run();
			return;
		}
		if (this.transaction != null) {
			this.transaction.executeWithoutResult((status) -> {
				if (this.store.mark(groupId, handler.id(), event.eventId())) {
					invocation.run();
					this.listener.marked(groupId, handler.id());
				}
				else {
					this.listener.duplicateSkipped(groupId, handler.id());
				}
			});
			return;
		}
		if (!this.store.findProcessed(groupId, handler.id(), List.of(event.eventId())).isEmpty()) {
			this.listener.duplicateSkipped(groupId, handler.id());
			return;
		}
		invocation.run();
		this.store.mark(groupId, handler.id(), event.eventId());
		this.listener.marked(groupId, handler.id());
	}

	@Override
	public void executeBatch(EventHandlerMethod handler, String groupId, List<Event> events,
			Consumer<List<Event>> invocation) {
		if (!handler.isIdempotent()) {
			invocation.accept(events);
			return;
		}
		Map<String, Event> byId = new LinkedHashMap<>();
		events.forEach((event) -> byId.putIfAbsent(event.eventId(), event));
		List<Event> fresh = new ArrayList<>(byId.values());
		if (this.transaction == null || !this.store.marksBatchInOneStatement()) {
			// One look-up for the whole batch, so that only new events are marked.
			Set<String> processed = this.store.findProcessed(groupId, handler.id(), byId.keySet());
			fresh.removeIf((event) -> processed.contains(event.eventId()));
		}
		if (fresh.isEmpty()) {
			skipped(groupId, handler, events.size());
			return;
		}
		List<String> ids = fresh.stream().map(Event::eventId).toList();
		if (this.transaction != null) {
			this.transaction.executeWithoutResult((status) -> {
				// The marks tell which events are new: others were processed before, or
				// by a concurrent consumer since the look-up.
				Set<String> marked = this.store.markAll(groupId, handler.id(), ids);
				invocation.accept(fresh.stream().filter((event) -> marked.contains(event.eventId())).toList());
				marked.forEach((eventId) -> this.listener.marked(groupId, handler.id()));
				skipped(groupId, handler, events.size() - marked.size());
			});
			return;
		}
		skipped(groupId, handler, events.size() - fresh.size());
		invocation.accept(fresh);
		this.store.markAll(groupId, handler.id(), ids);
		ids.forEach((eventId) -> this.listener.marked(groupId, handler.id()));
	}

	private void skipped(String groupId, EventHandlerMethod handler, int count) {
		for (int i = 0; i < count; i++) {
			this.listener.duplicateSkipped(groupId, handler.id());
		}
	}

	/**
	 * Return whether the mark and the handler share a transaction.
	 * @return whether marks are written in the handler's transaction
	 */
	public boolean isTransactional() {
		return this.transaction != null;
	}

}
