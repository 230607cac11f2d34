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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import com.dictamesh.events.Event;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventHandlerMethod;
import com.dictamesh.events.kafka.EventHeaders;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.TopicResolver;
import com.dictamesh.events.outbox.OutboxRelay;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * What a test sees of and does with the application's events, whichever the transport:
 * the events it {@link #published() published}, events {@link #deliver(Event) handed} to
 * its {@code @DictameshEventHandler} methods with the {@link HandlingOutcome outcome},
 * and the outbox {@link #relayOutbox() relayed} on demand. Injected into a test class
 * annotated with {@link AutoConfigureDictameshEvents @AutoConfigureDictameshEvents}; what
 * it recorded is forgotten before each test method.
 */
public class TestEvents {

	private final EventRecording recording;

	private final KafkaOperations<byte[], byte[]> kafka;

	private final EventSerializer serializer;

	private final TopicResolver topicResolver;

	private final @Nullable EventHandlerContainers containers;

	private final @Nullable OutboxRelay relay;

	private final Duration timeout;

	/**
	 * Create the test's view of the events.
	 * @param recording the recording of what the application did
	 * @param kafka the operations that send events to the handlers
	 * @param serializer the serializer of the application's events
	 * @param topicResolver the resolver of the events' topics
	 * @param containers the application's handler containers, if it has handlers
	 * @param relay the outbox relay, if the application has an outbox
	 * @param timeout how long to wait for handlers by default
	 */
	public TestEvents(EventRecording recording, KafkaOperations<byte[], byte[]> kafka, EventSerializer serializer,
			TopicResolver topicResolver, @Nullable EventHandlerContainers containers, @Nullable OutboxRelay relay,
			Duration timeout) {
		this.recording = recording;
		this.kafka = kafka;
		this.serializer = serializer;
		this.topicResolver = topicResolver;
		this.containers = containers;
		this.relay = relay;
		this.timeout = timeout;
	}

	/**
	 * Return the events the application published since the test method started, directly
	 * or through the outbox once relayed, in the order they were sent. Events handed to
	 * the handlers with {@link #deliver(Event)} and dead letters are not among them.
	 * @return the published events
	 */
	public PublishedEvents published() {
		return this.recording.published();
	}

	/**
	 * Hand an event to the application's handlers, as another service publishing it
	 * would: it is sent to its topic and read by the handlers' consumers, with their
	 * routing, retries, idempotency and dead letters. Waits until every handler that
	 * takes it is done.
	 * @param event the event
	 * @return what the handlers did
	 * @throws AssertionError when they are not done within the default timeout
	 */
	public HandlingOutcome deliver(Event event) {
		return deliver(event, this.timeout);
	}

	/**
	 * Hand an event to the application's handlers and wait until every handler that takes
	 * it is done.
	 * @param event the event
	 * @param timeout how long to wait
	 * @return what the handlers did
	 * @throws AssertionError when they are not done within the timeout
	 */
	public HandlingOutcome deliver(Event event, Duration timeout) {
		String topic = this.topicResolver.topicFor(event);
		Map<String, List<String>> expected = handlersTaking(event, topic);
		awaitAssignments(expected.keySet(), topic, timeout);
		this.recording.delivering(event.eventId());
		String key = event.partitionKey();
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null,
				(key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, this.serializer.serialize(event),
				EventHeaders.of(event, this.serializer.contentType()));
		try {
			this.kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not send event " + event.eventId() + " to " + topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending event " + event.eventId(), ex);
		}
		return this.recording.await(event, expected, timeout);
	}

	/**
	 * Wait until the groups' consumers were given the topic's partitions, so that an
	 * event sent right after the application started is read whatever
	 * {@code auto.offset.reset} says.
	 */
	private void awaitAssignments(Collection<String> groups, String topic, Duration timeout) {
		if (this.containers == null) {
			return;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		for (String group : groups) {
			MessageListenerContainer container = this.containers.getContainers().get(group);
			while (container != null && !hasPartitionOf(container, topic)) {
				if (System.nanoTime() - deadline > 0) {
					throw new AssertionError(
							"The consumers of group " + group + " were not given partitions of " + topic + " within "
									+ timeout + (container.isRunning() ? "" : ": the group is not running"));
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
		}
	}

	private static boolean hasPartitionOf(MessageListenerContainer container, String topic) {
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		return assigned != null && assigned.stream().anyMatch((partition) -> partition.topic().equals(topic));
	}

	/**
	 * Wait until the application's own handlers are done with an event it published.
	 * @param event the published event
	 * @return what the handlers did
	 * @throws AssertionError when they are not done within the default timeout
	 */
	public HandlingOutcome outcomeOf(PublishedEvent event) {
		return this.recording.await(event.event(), handlersTaking(event.event(), event.topic()), this.timeout);
	}

	private Map<String, List<String>> handlersTaking(Event event, String topic) {
		Map<String, List<String>> expected = new LinkedHashMap<>();
		if (this.containers == null) {
			return expected;
		}
		this.containers.getHandlers().forEach((group, handlers) -> {
			List<String> ids = new ArrayList<>();
			for (EventHandlerMethod handler : handlers) {
				if (handler.consumes(topic) && handler.acceptsType(event.eventType()) && handler.acceptsEntity(event)) {
					ids.add(handler.id());
				}
			}
			if (!ids.isEmpty()) {
				expected.put(group, ids);
			}
		});
		return expected;
	}

	/**
	 * Publish the outbox's pending rows now and wait for their acknowledgment, for tests
	 * that let the relay run in the background or wrote rows outside the outbox
	 * publisher.
	 * @return the number of rows published
	 * @throws IllegalStateException when the application has no outbox relay
	 */
	public int relayOutbox() {
		if (this.relay == null) {
			throw new IllegalStateException("The application has no outbox relay: it needs a DataSource, and "
					+ "dictamesh.events.outbox.relay.enabled must not be false");
		}
		return this.relay.publishPending();
	}

	/**
	 * Forget the events published and handled so far; done before each test method.
	 */
	public void clear() {
		this.recording.clear();
	}

}
