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

package com.dictamesh.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles DictaMesh events of the given types.
 * <p>
 * The method may declare, in any order: the {@link Event}, the event's {@code data} as
 * the application's own type (a record or POJO, bound from the JSON object), an
 * {@link EventContext}, and the Kafka {@code ConsumerRecord}. It sees only the event
 * types (and entity types, when given) it declares. All handlers of one consumer group
 * share one Kafka consumer per topic set; routing reads the {@code event-type} header, so
 * records of other types are never deserialized.
 * <p>
 * When the method throws, the record is retried with the configured back-off; after the
 * last attempt, or at once for a non-retryable exception, it goes to the dead-letter
 * topic and the partition moves on. Offsets commit only after success or dead-lettering.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DictameshEventHandler {

	/**
	 * Alias of {@link #types()}.
	 * @return the event types
	 */
	String[] value() default {};

	/**
	 * Event types to handle, such as {@code entity.created}. A trailing {@code *} matches
	 * every type with that prefix ({@code entity.*}); a lone {@code *} matches all types
	 * of the handler's topics.
	 * @return the event types
	 */
	String[] types() default {};

	/**
	 * Entity types to handle, such as {@code product}; empty for all.
	 * @return the entity types
	 */
	String[] entityTypes() default {};

	/**
	 * Topics to consume; empty to derive them from the event types through the
	 * {@code TopicResolver}. Property placeholders are resolved.
	 * @return the topics
	 */
	String[] topics() default {};

	/**
	 * Consumer group; empty for {@code dictamesh.events.consumer.group-id}, which
	 * defaults to {@code spring.application.name}. Property placeholders are resolved.
	 * @return the group id
	 */
	String groupId() default "";

	/**
	 * Id of the handler, used in logs and dead-letter headers; empty for
	 * {@code BeanClass.method}.
	 * @return the id
	 */
	String id() default "";

	/**
	 * Number of consumer threads of the handler's group; a value below one uses
	 * {@code dictamesh.events.consumer.concurrency}. Handlers of one group share a
	 * container, which takes the highest value declared.
	 * @return the concurrency
	 */
	int concurrency() default -1;

	/**
	 * Total delivery attempts before the record is dead-lettered; a value below one uses
	 * {@code dictamesh.events.retry.max-attempts}.
	 * @return the attempts
	 */
	int maxAttempts() default -1;

	/**
	 * First back-off between attempts as a duration ({@code 200ms}, {@code 2s}); empty
	 * uses {@code dictamesh.events.retry.initial-interval}.
	 * @return the back-off
	 */
	String backoff() default "";

	/**
	 * Whether each event's effect happens once per handler when the application has an
	 * idempotency store: an event already processed is skipped. Turn it off for handlers
	 * that are idempotent by nature.
	 * @return whether the handler is idempotent through the store
	 */
	boolean idempotent() default true;

}
