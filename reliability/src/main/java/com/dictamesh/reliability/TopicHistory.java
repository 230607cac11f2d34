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
package com.dictamesh.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the order events on the topic say beyond their count, shown the records of each
 * partition in offset order: whether each key's events are in the order they were written
 * (the sequence number in the event's data), and which events the leaders appended after
 * a moment, a fault. The cluster's brokers stamp each record with the time they appended
 * it ({@code log.message.timestamp.type=LogAppendTime}), the clock of the machine every
 * process here runs on.
 */
final class TopicHistory implements Consumer<ConsumerRecord<byte[], byte[]>> {

	private static final JsonMapper json = new JsonMapper();

	private final long sinceMillis;

	private final KeyOrder order = new KeyOrder();

	private final Map<String, Integer> appendedSince = new HashMap<>();

	private long appendTimes;

	/**
	 * Create a history that tells the events appended after a moment.
	 * @param since the moment, such as the fault
	 */
	TopicHistory(Instant since) {
		this.sinceMillis = since.toEpochMilli();
	}

	@Override
	public void accept(ConsumerRecord<byte[], byte[]> record) {
		Header id = record.headers().lastHeader("ce_id");
		String eventId = (id != null) ? new String(id.value(), StandardCharsets.UTF_8)
				: "no ce_id at " + record.partition() + "@" + record.offset();
		String key = (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : eventId;
		JsonNode seq = json.readTree(record.value()).path("data").path("seq");
		if (seq.isNumber()) {
			this.order.accept(key, eventId, seq.asLong());
		}
		if (record.timestampType() == TimestampType.LOG_APPEND_TIME) {
			this.appendTimes++;
		}
		if (record.timestamp() > this.sinceMillis) {
			this.appendedSince.putIfAbsent(eventId, record.partition());
		}
	}

	/**
	 * Return the order of each key's events, at their first occurrence on the topic.
	 * @return the order
	 */
	KeyOrder order() {
		return this.order;
	}

	/**
	 * Return the events with a record appended after the moment, each with the partition
	 * of its first such record.
	 * @return the partition by event id
	 */
	Map<String, Integer> eventsAppendedSince() {
		return this.appendedSince;
	}

	/**
	 * Return how many records carried the time their leader appended them, rather than
	 * the producer's: all of them on a cluster set up for it.
	 * @return the records with a log append time
	 */
	long appendTimes() {
		return this.appendTimes;
	}

}
