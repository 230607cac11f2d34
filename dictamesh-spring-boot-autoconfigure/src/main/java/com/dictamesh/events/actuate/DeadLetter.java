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

package com.dictamesh.events.actuate;

import java.time.Instant;

import com.dictamesh.events.Event;
import org.jspecify.annotations.Nullable;

/**
 * A record of a dead-letter topic as an operator reads it: where it failed, why, and the
 * event it carries.
 *
 * @param topic the dead-letter topic
 * @param partition the partition in the dead-letter topic
 * @param offset the offset in the dead-letter topic
 * @param timestamp when the record was dead-lettered
 * @param key the record key
 * @param originalTopic the topic the record failed on
 * @param originalPartition the partition the record failed on
 * @param originalOffset the offset the record failed at
 * @param group the consumer group that failed to handle it
 * @param handlerId the handler whose last attempt failed, if a handler failed
 * @param attempts the delivery attempts made before dead-lettering
 * @param redriveCount how many times the record was redriven before
 * @param exceptionClass the class of the exception
 * @param exceptionMessage the message of the exception
 * @param eventId the id of the event
 * @param eventType the type of the event
 * @param event the event, when the value could be decoded
 * @param decodingError why the value could not be decoded as an event
 * @param traceparent the W3C trace context of the record that failed
 */
public record DeadLetter(String topic, int partition, long offset, Instant timestamp, @Nullable String key,
		@Nullable String originalTopic, @Nullable Integer originalPartition, @Nullable Long originalOffset,
		@Nullable String group, @Nullable String handlerId, @Nullable Integer attempts, int redriveCount,
		@Nullable String exceptionClass, @Nullable String exceptionMessage, @Nullable String eventId,
		@Nullable String eventType, @Nullable Event event, @Nullable String decodingError,
		@Nullable String traceparent) {

}
