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

import com.dictamesh.events.Event;
import com.dictamesh.events.EventsConfigurationException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import com.dictamesh.events.NonRetryableEventException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.TopicPartition;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Creates and runs one listener container per consumer group of the registered
 * {@link EventHandlerMethod handlers}, each with a {@link DefaultErrorHandler} that
 * retries with back-off and then hands the record to a
 * {@link DeadLetterPublishingRecoverer}.
 */
public class EventHandlerContainers implements SmartInitializingSingleton, SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(EventHandlerContainers.class);

	// Failures that say a resource the handler needs is unavailable, not that the record
	// is bad.
	private static final List<Class<? extends Throwable>> UNAVAILABLE_RESOURCE = List.of(
			DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			CannotCreateTransactionException.class, SQLTransientConnectionException.class,
			SQLNonTransientConnectionException.class);

	private final EventHandlerRegistry registry;

	private final ConcurrentKafkaListenerContainerFactory<byte[], byte[]> containerFactory;

	private final KafkaOperations<byte[], byte[]> deadLetterOperations;

	private final TopicResolver topicResolver;

	private final EventSerializer serializer;

	private final Settings settings;

	private final Supplier<EventHandlerExecution> execution;

	private @Nullable ObservationRegistry observationRegistry;

	private final Map<String, ConcurrentMessageListenerContainer<byte[], byte[]>> containers = new LinkedHashMap<>();

	private EventHandlingListener listener = new EventHandlingListener() {
	};

	private final Map<String, List<EventHandlerMethod>> handlers = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Create the containers' owner.
	 * @param registry the registered handlers
	 * @param containerFactory the factory of listener containers
	 * @param deadLetterOperations the Kafka operations that publish dead letters
	 * @param topicResolver the resolver of topics
	 * @param serializer the serializer of record values
	 * @param settings the defaults of groups, concurrency and retries
	 * @param execution supplies, once the context is complete, what runs each handler
	 * call
	 */
	public EventHandlerContainers(EventHandlerRegistry registry,
			ConcurrentKafkaListenerContainerFactory<byte[], byte[]> containerFactory,
			KafkaOperations<byte[], byte[]> deadLetterOperations, TopicResolver topicResolver,
			EventSerializer serializer, Settings settings, Supplier<EventHandlerExecution> execution) {
		this.registry = registry;
		this.containerFactory = containerFactory;
		this.deadLetterOperations = deadLetterOperations;
		this.topicResolver = topicResolver;
		this.serializer = serializer;
		this.settings = settings;
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
	 * Set the listener told of each handler call and each dead letter; takes effect for
	 * containers created after.
	 * @param listener the listener
	 */
	public void setListener(EventHandlingListener listener) {
		this.listener = listener;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, List<EventHandlerMethod>> byGroup = new LinkedHashMap<>();
		for (EventHandlerMethod handler : this.registry.handlers()) {
			byGroup.computeIfAbsent(groupOf(handler), (group) -> new ArrayList<>()).add(handler);
		}
		byGroup.forEach((group, handlers) -> {
			this.containers.put(group, createContainer(group, handlers));
			this.handlers.put(group, List.copyOf(handlers));
		});
	}

	private String groupOf(EventHandlerMethod handler) {
		if (handler.groupId() != null) {
			return handler.groupId();
		}
		if (this.settings.defaultGroupId() == null) {
			throw new EventsConfigurationException(
					"@DictameshEventHandler method " + handler.id() + " has no consumer group.",
					"Set spring.application.name or dictamesh.events.consumer.group-id, or the handler's groupId.");
		}
		return this.settings.defaultGroupId();
	}

	private ConcurrentMessageListenerContainer<byte[], byte[]> createContainer(String group,
			List<EventHandlerMethod> handlers) {
		Set<String> topics = new LinkedHashSet<>();
		int concurrency = this.settings.concurrency();
		for (EventHandlerMethod handler : handlers) {
			Set<String> handlerTopics = topicsOf(handler);
			handler.resolvedTopics(handlerTopics);
			topics.addAll(handlerTopics);
			concurrency = Math.max(concurrency, handler.concurrency());
		}
		boolean batch = handlers.get(0).isBatch();
		if (handlers.stream().anyMatch((handler) -> handler.isBatch() != batch)) {
			throw new EventsConfigurationException(
					"Consumer group '" + group + "' has batch handlers (a List<Event> parameter) and record handlers: "
							+ handlers + ".",
					"Give the batch handlers a groupId of their own: one consumer serves a group, record by "
							+ "record or batch by batch.");
		}
		EventHandlerExecution execution = new TimedExecution(this.execution.get(), this.listener);
		DispatchFailures dispatcher;
		if (batch) {
			dispatcher = new BatchEventDispatcher(group, handlers, this.serializer, execution);
		}
		else {
			EventDispatcher recordDispatcher = new EventDispatcher(group, handlers, this.serializer, execution);
			recordDispatcher.setObservationRegistry(this.observationRegistry);
			dispatcher = recordDispatcher;
		}
		ConcurrentMessageListenerContainer<byte[], byte[]> container = this.containerFactory
			.createContainer(topics.toArray(String[]::new));
		container.setBeanName("dictamesh-" + group);
		container.getContainerProperties().setGroupId(group);
		// With the application's spring.kafka.client-id, every container's consumers
		// would be "<client-id>-0" and on: one name for the metrics and log lines of
		// each group's, and the application's own listeners'.
		String clientId = configuredClientId();
		if (container.getContainerProperties().getClientId().isEmpty() && clientId != null) {
			container.getContainerProperties().setClientId(clientId + "-" + group);
		}
		container.getContainerProperties().setMessageListener(dispatcher);
		container.getContainerProperties().setDeliveryAttemptHeader(!batch);
		AckMode ackMode = container.getContainerProperties().getAckMode();
		if (ackMode != AckMode.RECORD) {
			// The dispatcher never acknowledges by hand: commit what was handled or
			// dead-lettered after each poll.
			container.getContainerProperties().setAckMode(AckMode.BATCH);
		}
		container.setConcurrency(concurrency);
		container.setCommonErrorHandler(errorHandler(dispatcher));
		container.setAutoStartup(false);
		logger.info("Event handlers " + handlers + " consume " + topics + " in group '" + group + "' with "
				+ concurrency + " consumer(s)");
		return container;
	}

	private @Nullable String configuredClientId() {
		try {
			Object clientId = this.containerFactory.getConsumerFactory()
				.getConfigurationProperties()
				.get(ConsumerConfig.CLIENT_ID_CONFIG);
			return (clientId instanceof String id && !id.isEmpty()) ? id : null;
		}
		catch (UnsupportedOperationException ex) {
			// An application's own consumer factory that does not tell its settings.
			return null;
		}
	}

	private Set<String> topicsOf(EventHandlerMethod handler) {
		if (!handler.topics().isEmpty()) {
			return new LinkedHashSet<>(handler.topics());
		}
		Set<String> topics = new LinkedHashSet<>();
		for (String type : handler.eventTypes()) {
			try {
				topics.addAll(this.topicResolver.topicsFor(type));
			}
			catch (IllegalArgumentException ex) {
				throw new EventsConfigurationException(
						"@DictameshEventHandler method " + handler.id() + " takes event types no topic is known for: "
								+ ex.getMessage() + ".",
						"List the event types without '*', or set the handler's topics.");
			}
		}
		return topics;
	}

	private DefaultErrorHandler errorHandler(DispatchFailures dispatcher) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.deadLetterOperations,
				(record, ex) -> new TopicPartition(this.topicResolver.deadLetterTopicFor(record.topic()), -1)) {

			@Override
			public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
				// Name the handler's own exception in the dead-letter headers, not the
				// container's wrapper, nor the pending dead letter's.
				Exception cause = (exception instanceof ListenerExecutionFailedException
						&& exception.getCause() instanceof Exception handlerException) ? handlerException : exception;
				if (cause instanceof DeadLetterPendingException pending) {
					cause = pending.getFailure();
				}
				try {
					super.accept(record, consumer, cause);
				}
				catch (RuntimeException ex) {
					// The dead-letter topic cannot take it now (away, or not writable by
					// the principal): its next delivery goes to the dead-letter topic
					// again, not to the handlers, which already failed it.
					dispatcher.deadLetterFailed(record, cause);
					throw ex;
				}
				String handlerId = dispatcher.recovered(record);
				EventHandlerContainers.this.listener.deadLettered(dispatcher.getGroupId(), record.topic(),
						EventHeaders.lastValue(record.headers(), EventHeaders.EVENT_TYPE), handlerId, cause);
			}

			@Override
			protected void publish(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> operations,
					ConsumerRecord<?, ?> inRecord) {
				if (!isFailIfSendResultIsError()) {
					super.publish(outRecord, operations, inRecord);
					return;
				}
				try {
					// Sent here, not by super.publish, which drops the cause of a failed
					// send.
					verifySendResult(operations, outRecord, operations.send(outRecord), inRecord);
				}
				catch (KafkaException ex) {
					if (causeOf(ex, List.of(RecordTooLargeException.class)) == null) {
						throw ex;
					}
					// A value that fitted its topic may not fit the dead-letter topic
					// once the exception headers are added, and retrying would block
					// the partition for ever: publish the headers alone, they say where
					// the original is.
					super.publish(withoutValue(outRecord, inRecord), operations, inRecord);
				}
			}

		};
		recoverer.setHeadersFunction((record, ex) -> {
			RecordHeaders headers = new RecordHeaders();
			// Spring Kafka reads the group from the wrapper exception that accept()
			// removes.
			headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP,
					dispatcher.getGroupId().getBytes(StandardCharsets.UTF_8));
			int attempts = dispatcher.attempts(record);
			headers.add(EventHeaders.DLT_ATTEMPTS, String.valueOf(attempts).getBytes(StandardCharsets.UTF_8));
			// The dead-letter publish replaces the traceparent with its own; keep the
			// event's for a redrive to continue.
			Header traceparent = record.headers().lastHeader(EventHeaders.TRACEPARENT);
			if (traceparent != null) {
				headers.add(EventHeaders.DLT_TRACEPARENT, traceparent.value());
			}
			EventHandlerMethod failedHandler = dispatcher.failedHandler(record);
			String handlerId = (failedHandler != null) ? failedHandler.id() : null;
			if (handlerId != null) {
				headers.add(EventHeaders.DLT_HANDLER_ID, handlerId.getBytes(StandardCharsets.UTF_8));
			}
			logger.warn("Dead-lettering record " + record.topic() + "-" + record.partition() + "@" + record.offset()
					+ " after " + attempts + " attempt(s)" + ((handlerId != null) ? " of handler " + handlerId : "")
					+ ": " + NestedExceptionUtils.getMostSpecificCause(ex));
			return headers;
		});
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(recoverer,
				backOff(this.settings.maxAttempts(), null));
		errorHandler.setBackOffFunction((record, ex) -> {
			if (ex instanceof DeadLetterPendingException) {
				// One pause, growing with each failed send, then the dead letter is sent
				// again.
				int failures = dispatcher.deadLetterFailures(record);
				double interval = this.settings.initialInterval().toMillis()
						* Math.pow(this.settings.multiplier(), Math.max(failures - 1, 0));
				return new FixedBackOff((long) Math.min(interval, this.settings.maxInterval().toMillis()), 1);
			}
			Throwable unavailable = unavailableResource(ex);
			if (unavailable != null) {
				// Every record would fail the same way until the resource is back:
				// dead-lettering them would only empty the topic into the dead-letter
				// topic, out of order.
				logger.warn("Handling " + record.topic() + "-" + record.partition() + "@" + record.offset()
						+ " failed on an unavailable resource (" + unavailable
						+ "): retrying it until the resource is back, without dead-lettering it");
				return untilAvailable();
			}
			EventHandlerMethod handler = dispatcher.failedHandler(record);
			if (handler == null || (handler.maxAttempts() < 1 && handler.backoff() == null)) {
				return null;
			}
			return backOff((handler.maxAttempts() >= 1) ? handler.maxAttempts() : this.settings.maxAttempts(),
					handler.backoff());
		});
		// Retry and recover in memory rather than seek back: after a seek the consumer
		// waits out the fetch it already sent (fetch.max.wait.ms, 500 ms) before reading
		// again, which made a burst of poison records take that long each.
		errorHandler.setSeekAfterError(false);
		errorHandler.addNotRetryableExceptions(NonRetryableEventException.class);
		errorHandler.addNotRetryableExceptions(this.settings.notRetryable().toArray(Class[]::new));
		return errorHandler;
	}

	/**
	 * Return the failure's cause that says a resource the handler needs (its database, a
	 * connection, a transaction) is unavailable, or {@code null}: a failure that says
	 * nothing about the record.
	 */
	static @Nullable Throwable unavailableResource(Throwable ex) {
		return causeOf(ex, UNAVAILABLE_RESOURCE);
	}

	private static @Nullable Throwable causeOf(Throwable ex, List<Class<? extends Throwable>> types) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			for (Class<? extends Throwable> type : types) {
				if (type.isInstance(cause)) {
					return cause;
				}
			}
		}
		return null;
	}

	private BackOff untilAvailable() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.settings.initialInterval().toMillis(),
				this.settings.multiplier());
		backOff.setMaxInterval(this.settings.maxInterval().toMillis());
		return backOff;
	}

	private static ProducerRecord<Object, Object> withoutValue(ProducerRecord<Object, Object> deadLetter,
			ConsumerRecord<?, ?> record) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : deadLetter.headers()) {
			if (!header.key().equals(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)
					&& !header.key().equals(KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE)) {
				headers.add(header);
			}
		}
		int size = Math.max(record.serializedValueSize(), 0);
		headers.add(EventHeaders.DLT_VALUE_DROPPED, String.valueOf(size).getBytes(StandardCharsets.UTF_8));
		logger.warn("Dead letter of record " + record.topic() + "-" + record.partition() + "@" + record.offset()
				+ " is too large for " + deadLetter.topic() + ": publishing it without its value of " + size
				+ " bytes");
		return new ProducerRecord<>(deadLetter.topic(), deadLetter.partition(), deadLetter.timestamp(),
				deadLetter.key(), new byte[0], headers);
	}

	private BackOff backOff(int maxAttempts, @Nullable Duration initialInterval) {
		if (maxAttempts <= 1) {
			return new FixedBackOff(0, 0);
		}
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(maxAttempts - 1);
		backOff.setInitialInterval(
				((initialInterval != null) ? initialInterval : this.settings.initialInterval()).toMillis());
		backOff.setMultiplier(this.settings.multiplier());
		backOff.setMaxInterval(this.settings.maxInterval().toMillis());
		return backOff;
	}

	/**
	 * Return the containers by consumer group.
	 * @return the containers
	 */
	public Map<String, MessageListenerContainer> getContainers() {
		return Map.copyOf(this.containers);
	}

	/**
	 * Return the handlers by consumer group, in the order of {@link #getContainers()}'s
	 * groups.
	 * @return the handlers
	 */
	public Map<String, List<EventHandlerMethod>> getHandlers() {
		return Collections.unmodifiableMap(this.handlers);
	}

	@Override
	public void start() {
		this.containers.values().forEach(AbstractMessageListenerContainer::start);
		this.running = true;
	}

	@Override
	public void stop() {
		this.containers.values().forEach(AbstractMessageListenerContainer::stop);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.settings.autoStartup();
	}

	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE;
	}

	@Override
	public void destroy() {
		stop();
	}

	/**
	 * Times each handler call for the {@link EventHandlingListener}.
	 */
	private record TimedExecution(EventHandlerExecution delegate,
			EventHandlingListener listener) implements EventHandlerExecution {

		@Override
		public void execute(EventHandlerMethod handler, String groupId, Event event, Runnable invocation) {
			long start = System.nanoTime();
			Throwable failure = null;
			try {
				this.delegate.execute(handler, groupId, event, invocation);
			}
			catch (RuntimeException | Error ex) {
				failure = ex;
				throw ex;
			}
			finally {
				this.listener.handled(groupId, handler.id(), event.eventType(),
						Duration.ofNanos(System.nanoTime() - start), failure);
				this.listener.handledEvents(groupId, handler.id(), List.of(event), failure);
			}
		}

		@Override
		public void executeBatch(EventHandlerMethod handler, String groupId, List<Event> events,
				java.util.function.Consumer<List<Event>> invocation) {
			long start = System.nanoTime();
			Throwable failure = null;
			try {
				this.delegate.executeBatch(handler, groupId, events, invocation);
			}
			catch (RuntimeException | Error ex) {
				failure = ex;
				throw ex;
			}
			finally {
				long types = events.stream().map(Event::eventType).distinct().count();
				String type = (types == 1) ? events.get(0).eventType() : "*";
				this.listener.handled(groupId, handler.id(), type, Duration.ofNanos(System.nanoTime() - start),
						failure);
				this.listener.handledEvents(groupId, handler.id(), events, failure);
			}
		}

	}

	/**
	 * Defaults of the handler containers.
	 *
	 * @param defaultGroupId the group of handlers that name none
	 * @param concurrency the least number of consumers per group
	 * @param maxAttempts the delivery attempts before dead-lettering
	 * @param initialInterval the first back-off
	 * @param multiplier the back-off multiplier
	 * @param maxInterval the longest back-off
	 * @param notRetryable the exceptions dead-lettered without retry
	 * @param autoStartup whether the containers start with the context
	 */
	public record Settings(@Nullable String defaultGroupId, int concurrency, int maxAttempts, Duration initialInterval,
			double multiplier, Duration maxInterval, List<Class<? extends Exception>> notRetryable,
			boolean autoStartup) {

	}

}
