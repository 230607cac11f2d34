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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.dictamesh.events.CausalContext;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The message listener of one consumer group: routes each record to the group's handlers
 * that take its event type, read from the {@code event-type} header so that records no
 * handler takes are never deserialized.
 * <p>
 * When several handlers take a record and one fails, the retry calls only the handlers
 * that have not yet succeeded on it, so each handler's effect happens once per delivery.
 */
public class EventDispatcher implements MessageListener<byte[], byte[]>, DispatchFailures {

	private static final Log logger = LogFactory.getLog(EventDispatcher.class);

	private final String groupId;

	private final List<EventHandlerMethod> handlers;

	private final EventSerializer serializer;

	private final EventHandlerExecution execution;

	private final Map<String, List<EventHandlerMethod>> handlersByType = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> succeededOnFailedRecords = new ConcurrentHashMap<>();

	private final Map<String, String> failedHandlerByRecord = new ConcurrentHashMap<>();

	private final Map<String, PendingDeadLetter> pendingDeadLetters = new ConcurrentHashMap<>();

	private @Nullable ObservationRegistry observationRegistry;

	/**
	 * Create a dispatcher.
	 * @param groupId the consumer group
	 * @param handlers the handlers of the group
	 * @param serializer the serializer of record values
	 * @param execution runs each handler call, for example in a transaction with its
	 * idempotency mark
	 */
	public EventDispatcher(String groupId, List<EventHandlerMethod> handlers, EventSerializer serializer,
			EventHandlerExecution execution) {
		this.groupId = groupId;
		this.handlers = List.copyOf(handlers);
		this.serializer = serializer;
		this.execution = execution;
	}

	/**
	 * Set the registry whose current observation, during a handler call, is given the
	 * handled event's ids.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(@Nullable ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Return the consumer group.
	 * @return the group id
	 */
	@Override
	public String getGroupId() {
		return this.groupId;
	}

	/**
	 * Return the handlers of this group.
	 * @return the handlers
	 */
	public List<EventHandlerMethod> getHandlers() {
		return this.handlers;
	}

	@Override
	public void onMessage(ConsumerRecord<byte[], byte[]> record) {
		if (!this.pendingDeadLetters.isEmpty()) {
			PendingDeadLetter pending = this.pendingDeadLetters.get(DispatchFailures.recordId(record));
			if (pending != null) {
				throw new DeadLetterPendingException(pending.failure());
			}
		}
		if (record.value() == null) {
			return;
		}
		String headerType = EventHeaders.lastValue(record.headers(), EventHeaders.EVENT_TYPE);
		if (headerType != null && handlersFor(headerType, record.topic()).isEmpty()) {
			return;
		}
		Event event = this.serializer.deserialize(record.topic(), record.value());
		List<EventHandlerMethod> candidates = handlersFor(event.eventType(), record.topic());
		// Only a record that failed before has state to forget: most have none.
		Set<String> succeeded = null;
		if (!this.succeededOnFailedRecords.isEmpty() || !this.failedHandlerByRecord.isEmpty()) {
			String recordId = DispatchFailures.recordId(record);
			succeeded = this.succeededOnFailedRecords.remove(recordId);
			this.failedHandlerByRecord.remove(recordId);
		}
		EventContextFactory contexts = new EventContextFactory(record, attemptOf(record));
		CausalContext causalContext = CausalContext.handling(event);
		for (EventHandlerMethod handler : candidates) {
			if (!handler.acceptsEntity(event) || (succeeded != null && succeeded.contains(handler.id()))) {
				continue;
			}
			// Events the handler publishes, and its log lines, name the handled event.
			try (EventContext.Scope scope = EventContext.open(causalContext)) {
				CausalObservation.tagCurrent(this.observationRegistry, causalContext);
				EventContext context = contexts.forHandler(handler);
				this.execution.execute(handler, this.groupId, event,
						() -> handler.invoke(event, context, record, this.serializer));
			}
			catch (RuntimeException | Error ex) {
				String recordId = DispatchFailures.recordId(record);
				this.failedHandlerByRecord.put(recordId, handler.id());
				List<String> done = new ArrayList<>((succeeded != null) ? succeeded : Set.of());
				candidates.stream()
					.takeWhile((other) -> other != handler)
					.filter((other) -> other.acceptsEntity(event))
					.forEach((other) -> done.add(other.id()));
				if (!done.isEmpty()) {
					this.succeededOnFailedRecords.put(recordId, Set.copyOf(done));
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Handler " + handler.id() + " failed on event " + event.eventId() + " at "
							+ record.topic() + "-" + record.partition() + "@" + record.offset(), ex);
				}
				throw ex;
			}
		}
	}

	/**
	 * Return the id of the handler whose failure sends the record to the dead-letter
	 * topic, and forget the record's state.
	 * @param record the record being recovered
	 * @return the handler id or {@code null} when the record failed before any handler
	 */
	@Override
	public @Nullable String recovered(ConsumerRecord<?, ?> record) {
		String recordId = DispatchFailures.recordId(record);
		this.succeededOnFailedRecords.remove(recordId);
		this.pendingDeadLetters.remove(recordId);
		return this.failedHandlerByRecord.remove(recordId);
	}

	@Override
	public void deadLetterFailed(ConsumerRecord<?, ?> record, Exception failure) {
		// The first failure is the handler's: its exception and attempts go into the
		// dead letter, however often sending it fails.
		this.pendingDeadLetters
			.merge(DispatchFailures.recordId(record), new PendingDeadLetter(failure, attemptOf(record), 1), (previous,
					next) -> new PendingDeadLetter(previous.failure(), previous.attempts(), previous.failures() + 1));
	}

	@Override
	public int deadLetterFailures(ConsumerRecord<?, ?> record) {
		PendingDeadLetter pending = this.pendingDeadLetters.get(DispatchFailures.recordId(record));
		return (pending != null) ? pending.failures() : 0;
	}

	@Override
	public @Nullable EventHandlerMethod failedHandler(ConsumerRecord<?, ?> record) {
		String id = this.failedHandlerByRecord.get(DispatchFailures.recordId(record));
		if (id == null) {
			return null;
		}
		return this.handlers.stream().filter((handler) -> handler.id().equals(id)).findFirst().orElse(null);
	}

	private List<EventHandlerMethod> handlersFor(String eventType, String topic) {
		return this.handlersByType.computeIfAbsent(topic + '\u0000' + eventType,
				(key) -> this.handlers.stream()
					.filter((handler) -> handler.acceptsType(eventType) && handler.consumes(topic))
					.toList());
	}

	@Override
	public int attempts(ConsumerRecord<?, ?> record) {
		PendingDeadLetter pending = this.pendingDeadLetters.isEmpty() ? null
				: this.pendingDeadLetters.get(DispatchFailures.recordId(record));
		return (pending != null) ? pending.attempts() : attemptOf(record);
	}

	static int attemptOf(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(KafkaHeaders.DELIVERY_ATTEMPT);
		return (header != null && header.value() != null && header.value().length == 4)
				? ByteBuffer.wrap(header.value()).getInt() : 1;
	}

	private final class EventContextFactory {

		private final ConsumerRecord<byte[], byte[]> record;

		private final int attempt;

		private final @Nullable String key;

		EventContextFactory(ConsumerRecord<byte[], byte[]> record, int attempt) {
			this.record = record;
			this.attempt = attempt;
			this.key = (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null;
		}

		EventContext forHandler(EventHandlerMethod handler) {
			return new EventContext(handler.id(), EventDispatcher.this.groupId, this.record.topic(),
					this.record.partition(), this.record.offset(), this.key, this.record.headers(), this.attempt);
		}

	}

	/**
	 * A record whose handlers failed and whose dead letter could not be published yet.
	 *
	 * @param failure the handler's failure
	 * @param attempts the deliveries its handlers had
	 * @param failures how often publishing its dead letter failed
	 */
	private record PendingDeadLetter(Exception failure, int attempts, int failures) {
	}

}
