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

package com.dictamesh.events.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.dictamesh.events.CausalContext;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import com.dictamesh.events.idempotency.IdempotencyListener;
import com.dictamesh.events.kafka.EventHandlingListener;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.test.HandlingOutcome.GroupOutcome;
import com.dictamesh.events.test.HandlingOutcome.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Records what the application does with events in a test: every event its templates send
 * (those of the {@code EventPublisher}, the outbox relay and the dead-letter publisher)
 * as a {@link ProducerInterceptor}, and each handler call, duplicate and dead letter
 * through the starter's {@link EventHandlingListener} and {@link IdempotencyListener}
 * hooks. {@link TestEvents} reads it.
 */
public class EventRecording implements ProducerInterceptor<byte[], byte[]>, EventHandlingListener, IdempotencyListener {

	private static final Log logger = LogFactory.getLog(EventRecording.class);

	private final EventSerializer serializer;

	private final JsonMapper jsonMapper;

	private final List<PublishedEvent> published = new ArrayList<>();

	private final Set<String> delivered = new HashSet<>();

	private final Map<String, Map<String, Progress>> progress = new HashMap<>();

	// The dead-letter publisher tells the listener, then sends on the same thread.
	private final ThreadLocal<Throwable> deadLetterCause = new ThreadLocal<>();

	/**
	 * Create a recording.
	 * @param serializer the serializer of the application's events
	 * @param jsonMapper the mapper that converts payloads
	 */
	public EventRecording(EventSerializer serializer, JsonMapper jsonMapper) {
		this.serializer = serializer;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
		try {
			record(record);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the record sent to " + record.topic() + ": " + ex);
		}
		return record;
	}

	private void record(ProducerRecord<byte[], byte[]> record) {
		Event event = read(record.value());
		if (record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC) != null) {
			Throwable cause = this.deadLetterCause.get();
			this.deadLetterCause.remove();
			String group = text(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP));
			if (event != null && group != null) {
				deadLettered(event.eventId(), group, cause);
			}
			return;
		}
		if (event == null) {
			return;
		}
		Map<String, String> headers = new LinkedHashMap<>();
		record.headers().forEach((header) -> headers.put(header.key(), text(header)));
		synchronized (this) {
			if (!this.delivered.contains(event.eventId())) {
				this.published.add(new PublishedEvent(event, record.topic(),
						(record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null, headers,
						this.jsonMapper));
			}
		}
	}

	private @Nullable Event read(byte @Nullable [] value) {
		if (value == null) {
			return null;
		}
		try {
			return this.serializer.deserialize(value);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable Header header) {
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void onAcknowledgement(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}

	@Override
	public void close() {
	}

	@Override
	public void handledEvents(String group, String handlerId, List<Event> events, @Nullable Throwable failure) {
		synchronized (this) {
			for (Event event : events) {
				Progress progress = progressOf(event.eventId(), group);
				progress.attempts++;
				if (failure != null) {
					progress.handlers.put(handlerId, Status.DEAD_LETTERED);
					progress.lastFailure = failure;
				}
				else {
					progress.handlers.put(handlerId,
							progress.skipping.remove(handlerId) ? Status.SKIPPED_AS_DUPLICATE : Status.HANDLED);
				}
			}
			notifyAll();
		}
	}

	@Override
	public void duplicateSkipped(String group, String handlerId) {
		String eventId = handledEventId();
		if (eventId != null) {
			synchronized (this) {
				progressOf(eventId, group).skipping.add(handlerId);
			}
		}
	}

	@Override
	public void deadLettered(String group, String topic, @Nullable String eventType, @Nullable String handlerId,
			Throwable exception) {
		this.deadLetterCause.set(exception);
	}

	private void deadLettered(String eventId, String group, @Nullable Throwable cause) {
		synchronized (this) {
			Progress progress = progressOf(eventId, group);
			progress.deadLettered = true;
			progress.exception = (cause != null) ? cause : progress.lastFailure;
			notifyAll();
		}
	}

	private static @Nullable String handledEventId() {
		// A record handler runs in the causal context of the event it handles; of a
		// batch handler's duplicates, only the count is known.
		CausalContext context = EventContext.current();
		return (context != null) ? context.eventId() : null;
	}

	private Progress progressOf(String eventId, String group) {
		return this.progress.computeIfAbsent(eventId, (id) -> new LinkedHashMap<>())
			.computeIfAbsent(group, (name) -> new Progress());
	}

	/**
	 * Return the events published so far.
	 * @return the events
	 */
	public synchronized PublishedEvents published() {
		return new PublishedEvents(this.published);
	}

	/**
	 * Forget the events published and handled so far.
	 */
	public synchronized void clear() {
		this.published.clear();
		this.progress.clear();
		this.delivered.clear();
	}

	/**
	 * Prepare for an event a test hands to the handlers: it is not one the application
	 * published, and what happened to it before is forgotten.
	 * @param eventId the event id
	 */
	synchronized void delivering(String eventId) {
		this.delivered.add(eventId);
		this.progress.remove(eventId);
	}

	/**
	 * Wait until every expected handler handled the event, skipped it, or it was
	 * dead-lettered in their group.
	 * @param event the event
	 * @param expected the ids of the handlers that take the event, by consumer group
	 * @param timeout how long to wait
	 * @return the outcome
	 * @throws AssertionError when the handlers are not done within the timeout
	 */
	synchronized HandlingOutcome await(Event event, Map<String, List<String>> expected, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Map<String, Progress> groups = this.progress.getOrDefault(event.eventId(), Map.of());
			boolean done = expected.entrySet().stream().allMatch((entry) -> {
				Progress progress = groups.get(entry.getKey());
				return progress != null && (progress.deadLettered || entry.getValue()
					.stream()
					.allMatch((handler) -> progress.handlers.get(handler) == Status.HANDLED
							|| progress.handlers.get(handler) == Status.SKIPPED_AS_DUPLICATE));
			});
			if (done) {
				List<GroupOutcome> outcomes = new ArrayList<>();
				expected.forEach((group, handlers) -> outcomes.add(groups.get(group).outcome(group, handlers)));
				return new HandlingOutcome(event, outcomes);
			}
			long waitMillis = (deadline - System.nanoTime()) / 1_000_000;
			if (waitMillis <= 0) {
				throw new AssertionError("Event " + event.eventType() + " " + event.eventId() + " was not handled by "
						+ expected + " within " + timeout + "; so far: " + groups);
			}
			try {
				wait(waitMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for event " + event.eventId(), ex);
			}
		}
	}

	/**
	 * What one consumer group did with an event so far.
	 */
	private static final class Progress {

		private final Map<String, Status> handlers = new LinkedHashMap<>();

		private final Set<String> skipping = new HashSet<>();

		private int attempts;

		private @Nullable Throwable lastFailure;

		private boolean deadLettered;

		private @Nullable Throwable exception;

		GroupOutcome outcome(String group, List<String> expected) {
			Map<String, Status> handlers = new LinkedHashMap<>();
			expected.stream()
				.filter(this.handlers::containsKey)
				.forEach((handler) -> handlers.put(handler, this.handlers.get(handler)));
			Status status;
			if (this.deadLettered) {
				status = Status.DEAD_LETTERED;
			}
			else if (handlers.values().stream().allMatch((handler) -> handler == Status.SKIPPED_AS_DUPLICATE)) {
				status = Status.SKIPPED_AS_DUPLICATE;
			}
			else {
				status = Status.HANDLED;
			}
			return new GroupOutcome(group, status, handlers, this.attempts, this.deadLettered ? this.exception : null);
		}

		@Override
		public String toString() {
			return "handlers " + this.handlers + ", " + this.attempts + " attempt(s)"
					+ (this.deadLettered ? ", dead-lettered" : "");
		}

	}

}
