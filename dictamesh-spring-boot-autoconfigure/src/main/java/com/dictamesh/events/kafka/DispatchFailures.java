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

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * What a group's dispatcher knows about a failed record, for its retries and its
 * dead-letter headers.
 */
interface DispatchFailures {

	/**
	 * Return the consumer group.
	 */
	String getGroupId();

	/**
	 * Return the handler whose failure is being retried on the record, if any.
	 */
	@Nullable EventHandlerMethod failedHandler(ConsumerRecord<?, ?> record);

	/**
	 * Return the id of the handler whose failure sends the record to the dead-letter
	 * topic, and forget the record's state.
	 */
	@Nullable String recovered(ConsumerRecord<?, ?> record);

	/**
	 * Return the number of deliveries made of the record.
	 */
	int attempts(ConsumerRecord<?, ?> record);

	/**
	 * Remember that the record's dead letter could not be published, so that a dispatcher
	 * that can goes straight to the dead-letter topic again at its next delivery, instead
	 * of calling the handlers that failed it once more.
	 */
	default void deadLetterFailed(ConsumerRecord<?, ?> record, Exception failure) {
	}

	/**
	 * Return how often the record's dead letter could not be published, 0 if never.
	 */
	default int deadLetterFailures(ConsumerRecord<?, ?> record) {
		return 0;
	}

	/**
	 * Return the key under which a dispatcher remembers a record between deliveries.
	 */
	static String recordId(ConsumerRecord<?, ?> record) {
		return record.topic() + '-' + record.partition() + '@' + record.offset();
	}

}
