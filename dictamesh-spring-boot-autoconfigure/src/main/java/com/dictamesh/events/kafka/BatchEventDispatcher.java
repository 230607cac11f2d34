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

package com.dictamesh.events.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * The message listener of a consumer group of batch handlers (a {@code List<Event>}
 * parameter): each handler gets, in one call, the events of a poll that it takes, in
 * partition order.
 * <p>
 * A record that is not an event ends the batch there: the records before it are handled,
 * it goes to the dead-letter topic, and the next poll resumes after it. A handler that
 * throws has the whole batch retried with the configured back-off; when the attempts are
 * used up, the batch's records go to the dead-letter topic.
 */
public class BatchEventDispatcher implements BatchMessageListener<byte[], byte[]>, DispatchFailures {

	private final String groupId;

	private final List<EventHandlerMethod> handlers;

	private final EventSerializer serializer;

	private final EventHandlerExecution execution;

	private final Map<String, Failure> failures = new ConcurrentHashMap<>();

	/**
	 * Create a dispatcher.
	 * @param groupId the consumer group
	 * @param handlers the batch handlers of the group
	 * @param serializer the serializer of record values
	 * @param execution runs each handler call, for example with idempotency marks
	 */
	public BatchEventDispatcher(String groupId, List<EventHandlerMethod> handlers, EventSerializer serializer,
			EventHandlerExecution execution) {
		this.groupId = groupId;
		this.handlers = List.copyOf(handlers);
		this.serializer = serializer;
		this.execution = execution;
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		Event[] events = new Event[records.size()];
		int firstBad = records.size();
		EventDeserializationException badValue = null;
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<byte[], byte[]> record = records.get(i);
			if (record.value() == null || !wanted(record)) {
				continue;
			}
			try {
				events[i] = this.serializer.deserialize(record.topic(), record.value());
			}
			catch (EventDeserializationException ex) {
				firstBad = i;
				badValue = ex;
				break;
			}
		}
		for (EventHandlerMethod handler : this.handlers) {
			List<Event> taken = new ArrayList<>();
			for (int i = 0; i < firstBad; i++) {
				Event event = events[i];
				if (event != null && handler.consumes(records.get(i).topic()) && handler.acceptsType(event.eventType())
						&& handler.acceptsEntity(event)) {
					taken.add(event);
				}
			}
			if (taken.isEmpty()) {
				continue;
			}
			// A batch has no single cause: the handler sets one per event with
			// EventContext.runWith when it publishes follow-ups.
			try (EventContext.Scope scope = EventContext.open(null)) {
				this.execution.executeBatch(handler, this.groupId, taken, handler::invokeBatch);
			}
			catch (RuntimeException | Error ex) {
				for (ConsumerRecord<byte[], byte[]> record : records) {
					this.failures.merge(DispatchFailures.recordId(record), new Failure(handler.id(), 1),
							(previous, next) -> new Failure(handler.id(), previous.attempts() + 1));
				}
				throw ex;
			}
		}
		records.forEach((record) -> this.failures.remove(DispatchFailures.recordId(record)));
		if (badValue != null) {
			throw new BatchListenerFailedException(badValue.getMessage(), badValue, firstBad);
		}
	}

	private boolean wanted(ConsumerRecord<byte[], byte[]> record) {
		String type = EventHeaders.lastValue(record.headers(), EventHeaders.EVENT_TYPE);
		for (EventHandlerMethod handler : this.handlers) {
			if (handler.consumes(record.topic()) && (type == null || handler.acceptsType(type))) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String getGroupId() {
		return this.groupId;
	}

	@Override
	public @Nullable EventHandlerMethod failedHandler(ConsumerRecord<?, ?> record) {
		Failure failure = this.failures.get(DispatchFailures.recordId(record));
		return (failure != null) ? this.handlers.stream()
			.filter((handler) -> handler.id().equals(failure.handlerId()))
			.findFirst()
			.orElse(null) : null;
	}

	@Override
	public @Nullable String recovered(ConsumerRecord<?, ?> record) {
		Failure failure = this.failures.remove(DispatchFailures.recordId(record));
		return (failure != null) ? failure.handlerId() : null;
	}

	@Override
	public int attempts(ConsumerRecord<?, ?> record) {
		Failure failure = this.failures.get(DispatchFailures.recordId(record));
		return (failure != null) ? failure.attempts() : 1;
	}

	private record Failure(String handlerId, int attempts) {
	}

}
