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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.dictamesh.events.Event;
import com.dictamesh.events.kafka.EventHeaders;
import com.dictamesh.events.kafka.EventSerializer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Reads dead-letter topics with a short-lived consumer that is assigned partitions and
 * belongs to no group, so that reading commits nothing and disturbs no one.
 */
public class DeadLetterBrowser {

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

	private final Supplier<Consumer<byte[], byte[]>> consumers;

	private final EventSerializer serializer;

	private final Duration readTimeout;

	/**
	 * Create a browser.
	 * @param consumers creates a consumer of byte arrays without a group id
	 * @param serializer decodes the events in the records
	 * @param readTimeout the longest a read may take
	 */
	public DeadLetterBrowser(Supplier<Consumer<byte[], byte[]>> consumers, EventSerializer serializer,
			Duration readTimeout) {
		this.consumers = consumers;
		this.serializer = serializer;
		this.readTimeout = readTimeout;
	}

	/**
	 * Return the number of records a topic holds, the sum over its partitions of end
	 * offset minus beginning offset.
	 * @param topic the topic
	 * @return the number of records, or {@code -1} if the topic does not exist
	 */
	public long count(String topic) {
		try (Consumer<byte[], byte[]> consumer = this.consumers.get()) {
			List<TopicPartition> partitions = partitionsOf(consumer, topic, null);
			if (partitions.isEmpty()) {
				return -1;
			}
			Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			return partitions.stream().mapToLong((partition) -> end.get(partition) - beginning.get(partition)).sum();
		}
	}

	/**
	 * Return the newest dead letters of a topic, newest first.
	 * @param topic the dead-letter topic
	 * @param limit the most records to return
	 * @return the dead letters
	 */
	public List<DeadLetter> newest(String topic, int limit) {
		return readNewest(topic, limit).stream().map(this::describe).toList();
	}

	/**
	 * Return the dead letters of a topic in an offset range, by partition and offset.
	 * @param topic the dead-letter topic
	 * @param partition the partition, or {@code null} for all
	 * @param fromOffset the first offset
	 * @param toOffset the last offset (inclusive)
	 * @return the dead letters
	 */
	public List<DeadLetter> range(String topic, @Nullable Integer partition, long fromOffset, long toOffset) {
		return readRange(topic, partition, fromOffset, toOffset).stream().map(this::describe).toList();
	}

	List<ConsumerRecord<byte[], byte[]>> readNewest(String topic, int limit) {
		List<ConsumerRecord<byte[], byte[]>> records = read(topic, null,
				(beginning, end) -> Math.max(beginning, end - limit), (end) -> end);
		return records.stream()
			.sorted(Comparator.comparingLong(ConsumerRecord<byte[], byte[]>::timestamp)
				.thenComparingLong(ConsumerRecord::offset)
				.reversed())
			.limit(limit)
			.toList();
	}

	List<ConsumerRecord<byte[], byte[]>> readRange(String topic, @Nullable Integer partition, long fromOffset,
			long toOffset) {
		long stop = (toOffset == Long.MAX_VALUE) ? Long.MAX_VALUE : toOffset + 1;
		return read(topic, partition, (beginning, end) -> Math.max(beginning, fromOffset),
				(end) -> Math.min(end, stop));
	}

	private List<ConsumerRecord<byte[], byte[]>> read(String topic, @Nullable Integer partition, StartOffset start,
			StopOffset stop) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = this.consumers.get()) {
			List<TopicPartition> partitions = partitionsOf(consumer, topic, partition);
			if (partitions.isEmpty()) {
				return records;
			}
			Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Map<TopicPartition, Long> stops = new HashMap<>();
			consumer.assign(partitions);
			for (TopicPartition topicPartition : partitions) {
				long from = start.of(beginning.get(topicPartition), end.get(topicPartition));
				long to = stop.of(end.get(topicPartition));
				if (from < to) {
					consumer.seek(topicPartition, from);
					stops.put(topicPartition, to);
				}
			}
			consumer.assign(stops.keySet());
			long deadline = System.nanoTime() + this.readTimeout.toNanos();
			while (!stops.isEmpty() && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
					Long to = stops.get(new TopicPartition(record.topic(), record.partition()));
					if (to != null && record.offset() < to) {
						records.add(record);
					}
				}
				// Transaction markers and compaction leave gaps: the position tells when
				// a
				// partition is read to its stop, not the last record's offset.
				stops.entrySet().removeIf((entry) -> consumer.position(entry.getKey()) >= entry.getValue());
				consumer.assign(stops.keySet());
			}
		}
		return records;
	}

	private static List<TopicPartition> partitionsOf(Consumer<byte[], byte[]> consumer, String topic,
			@Nullable Integer partition) {
		List<PartitionInfo> infos = consumer.partitionsFor(topic);
		if (infos == null) {
			return List.of();
		}
		return infos.stream()
			.filter((info) -> partition == null || info.partition() == partition)
			.map((info) -> new TopicPartition(topic, info.partition()))
			.sorted(Comparator.comparingInt(TopicPartition::partition))
			.toList();
	}

	DeadLetter describe(ConsumerRecord<byte[], byte[]> record) {
		Headers headers = record.headers();
		Event event = null;
		String decodingError = null;
		if (record.value() != null) {
			try {
				event = this.serializer.deserialize(record.topic(), record.value());
			}
			catch (RuntimeException ex) {
				decodingError = ex.getMessage();
			}
		}
		else {
			decodingError = "The record has no value";
		}
		String eventId = (event != null) ? event.eventId() : EventHeaders.lastValue(headers, EventHeaders.CE_ID);
		String eventType = (event != null) ? event.eventType()
				: EventHeaders.lastValue(headers, EventHeaders.EVENT_TYPE);
		String attempts = EventHeaders.lastValue(headers, EventHeaders.DLT_ATTEMPTS);
		return new DeadLetter(record.topic(), record.partition(), record.offset(),
				Instant.ofEpochMilli(record.timestamp()),
				(record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null,
				EventHeaders.lastValue(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC),
				intHeader(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION),
				longHeader(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET),
				EventHeaders.lastValue(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
				EventHeaders.lastValue(headers, EventHeaders.DLT_HANDLER_ID), parseInt(attempts), redriveCount(headers),
				EventHeaders.lastValue(headers, KafkaHeaders.DLT_EXCEPTION_FQCN),
				EventHeaders.lastValue(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE), eventId, eventType, event,
				decodingError, EventHeaders.lastValue(headers, EventHeaders.DLT_TRACEPARENT));
	}

	/**
	 * Return the number of redrives a record's headers count.
	 * @param headers the headers
	 * @return the count, 0 when the record was never redriven
	 */
	static int redriveCount(Headers headers) {
		Integer count = parseInt(EventHeaders.lastValue(headers, EventHeaders.REDRIVE_COUNT));
		return (count != null) ? count : 0;
	}

	private static @Nullable Integer parseInt(@Nullable String value) {
		try {
			return (value != null) ? Integer.valueOf(value.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	// Spring Kafka writes the original partition and offset as big-endian int and long.
	private static @Nullable Integer intHeader(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null && header.value().length == Integer.BYTES)
				? ByteBuffer.wrap(header.value()).getInt() : null;
	}

	private static @Nullable Long longHeader(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null && header.value().length == Long.BYTES)
				? ByteBuffer.wrap(header.value()).getLong() : null;
	}

	@FunctionalInterface
	private interface StartOffset {

		long of(long beginning, long end);

	}

	@FunctionalInterface
	private interface StopOffset {

		long of(long end);

	}

}
