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

import com.dictamesh.events.EventsConfigurationException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link DictameshEventHandler} method of a bean, with what it takes and how to call
 * it.
 */
public final class EventHandlerMethod {

	private final String id;

	private final Object bean;

	private final Method method;

	private final List<String> eventTypes;

	private final Set<String> entityTypes;

	private final List<String> topics;

	private final @Nullable String groupId;

	private final int concurrency;

	private final int maxAttempts;

	private final @Nullable Duration backoff;

	private final boolean idempotent;

	private final ArgumentResolver[] arguments;

	private final @Nullable Type dataType;

	private final boolean batch;

	private volatile Set<String> resolvedTopics = Set.of();

	EventHandlerMethod(String id, Object bean, Method method, List<String> eventTypes, Set<String> entityTypes,
			List<String> topics, @Nullable String groupId, int concurrency, int maxAttempts, @Nullable Duration backoff,
			boolean idempotent) {
		this.id = id;
		this.bean = bean;
		this.method = method;
		this.eventTypes = List.copyOf(eventTypes);
		this.entityTypes = Set.copyOf(entityTypes);
		this.topics = List.copyOf(topics);
		this.groupId = groupId;
		this.concurrency = concurrency;
		this.maxAttempts = maxAttempts;
		this.backoff = backoff;
		this.idempotent = idempotent;
		Parameter[] parameters = method.getParameters();
		this.batch = parameters.length == 1 && isEventList(parameters[0]);
		this.arguments = new ArgumentResolver[parameters.length];
		Type data = null;
		for (int i = 0; i < parameters.length; i++) {
			Class<?> type = parameters[i].getType();
			if (this.batch) {
				this.arguments[i] = (event, context, record, converted) -> {
					throw new IllegalStateException("Batch handler " + id + " takes a list of events");
				};
			}
			else if (isEventList(parameters[i])) {
				throw new EventsConfigurationException(
						"@DictameshEventHandler method " + id + " takes a List<Event> next to other parameters.",
						"Give a batch handler the List<Event> parameter alone.");
			}
			else if (type == Event.class) {
				this.arguments[i] = (event, context, record, converted) -> event;
			}
			else if (type == EventContext.class) {
				this.arguments[i] = (event, context, record, converted) -> context;
			}
			else if (type == ConsumerRecord.class) {
				this.arguments[i] = (event, context, record, converted) -> record;
			}
			else if (data == null) {
				data = parameters[i].getParameterizedType();
				this.arguments[i] = (event, context, record, converted) -> converted;
			}
			else {
				throw new EventsConfigurationException(
						"@DictameshEventHandler method " + id
								+ " declares more than one parameter for the event's data (" + data.getTypeName()
								+ " and " + parameters[i].getParameterizedType().getTypeName() + ").",
						"Keep one data parameter; a handler may also take Event, EventContext and ConsumerRecord.");
			}
		}
		this.dataType = data;
		ReflectionUtils.makeAccessible(method);
	}

	/**
	 * Return the id of the handler, used in logs and dead-letter headers.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the event types (or patterns) the handler takes.
	 * @return the event types
	 */
	public List<String> eventTypes() {
		return this.eventTypes;
	}

	/**
	 * Return the topics given on the annotation; empty when derived from the types.
	 * @return the topics
	 */
	public List<String> topics() {
		return this.topics;
	}

	/**
	 * Return the consumer group given on the annotation.
	 * @return the group or {@code null} for the default group
	 */
	public @Nullable String groupId() {
		return this.groupId;
	}

	/**
	 * Return whether the handler consumes the given topic. Set once its group's topics
	 * are known.
	 * @param topic the topic
	 * @return whether records of the topic reach this handler
	 */
	public boolean consumes(String topic) {
		return this.resolvedTopics.contains(topic);
	}

	/**
	 * Return the topics the handler consumes: those of the annotation or those its event
	 * types resolve to. Known once its group's container is created.
	 * @return the topics
	 */
	public Set<String> consumedTopics() {
		return this.resolvedTopics;
	}

	void resolvedTopics(Set<String> topics) {
		this.resolvedTopics = Set.copyOf(topics);
	}

	/**
	 * Return whether the handler skips events it has processed before, when an
	 * idempotency store exists.
	 * @return whether the handler is idempotent through the store
	 */
	public boolean isIdempotent() {
		return this.idempotent;
	}

	int concurrency() {
		return this.concurrency;
	}

	int maxAttempts() {
		return this.maxAttempts;
	}

	@Nullable Duration backoff() {
		return this.backoff;
	}

	/**
	 * Return whether the handler takes events of the given type.
	 * @param eventType the event type
	 * @return whether one of the handler's event type patterns matches it
	 */
	public boolean acceptsType(String eventType) {
		for (String pattern : this.eventTypes) {
			if (EventTypePattern.matches(pattern, eventType)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether the handler takes the event's entity type (or its relationship's
	 * subject type); a handler that names no entity types takes every event.
	 * @param event the event
	 * @return whether the handler takes the event
	 */
	public boolean acceptsEntity(Event event) {
		return this.entityTypes.isEmpty()
				|| (event.entityType() != null && this.entityTypes.contains(event.entityType()))
				|| (event.subjectType() != null && this.entityTypes.contains(event.subjectType()));
	}

	/**
	 * Return whether the handler takes the events of a poll as one {@code List<Event>}.
	 * @return whether the handler is a batch handler
	 */
	public boolean isBatch() {
		return this.batch;
	}

	void invokeBatch(List<Event> events) {
		call(new Object[] { events });
	}

	private static boolean isEventList(Parameter parameter) {
		return List.class.equals(parameter.getType())
				&& ResolvableType.forMethodParameter(MethodParameter.forParameter(parameter))
					.getGeneric(0)
					.resolve() == Event.class;
	}

	void invoke(Event event, EventContext context, ConsumerRecord<?, ?> record, EventSerializer serializer) {
		Object converted = null;
		if (this.dataType != null && event.data() != null) {
			converted = serializer.convertData(event.data(), this.dataType);
		}
		Object[] args = new Object[this.arguments.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.arguments[i].resolve(event, context, record, converted);
		}
		call(args);
	}

	private void call(@Nullable Object[] args) {
		try {
			this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new EventHandlerException(this.id, cause);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call handler " + this.id, ex);
		}
	}

	@Override
	public String toString() {
		return this.id + Arrays.toString(this.eventTypes.toArray());
	}

	@FunctionalInterface
	private interface ArgumentResolver {

		@Nullable Object resolve(Event event, EventContext context, ConsumerRecord<?, ?> record, @Nullable Object converted);

	}

}
