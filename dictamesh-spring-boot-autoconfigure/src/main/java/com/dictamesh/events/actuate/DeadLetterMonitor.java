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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.dictamesh.events.actuate.ConsumerLagReader.KafkaOffsets;
import com.dictamesh.events.kafka.EventHeaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Counts the records in the dead-letter topics since the application started or since the
 * last {@link #reset()} (a redrive calls it), from the topics' offsets, and reads the
 * newest few; refreshed in the background and cached.
 * <p>
 * The count covers every instance that dead-letters into the topics, not only this one.
 */
public class DeadLetterMonitor extends CachedFigure<DeadLetters> {

	private final Admin admin;

	private final Supplier<Collection<String>> topics;

	private final Supplier<Consumer<byte[], byte[]>> consumers;

	private final int summaries;

	private final Clock clock;

	private volatile Instant since;

	private volatile @Nullable DeadLetters last;

	/**
	 * Create a monitor counting from now.
	 * @param admin the admin client
	 * @param topics supplies the dead-letter topics
	 * @param consumers creates a consumer, without a group, that reads the newest dead
	 * letters
	 * @param summaries how many of the newest dead letters to summarize
	 * @param interval the refresh interval
	 * @param timeout the longest a refresh may take
	 * @param clock the clock
	 */
	public DeadLetterMonitor(Admin admin, Supplier<Collection<String>> topics,
			Supplier<Consumer<byte[], byte[]>> consumers, int summaries, Duration interval, Duration timeout,
			Clock clock) {
		super("dead-letters", interval, timeout, clock);
		this.admin = admin;
		this.topics = topics;
		this.consumers = consumers;
		this.summaries = summaries;
		this.clock = clock;
		this.since = clock.instant();
	}

	/**
	 * Count from now on: the dead letters written before are no longer counted or
	 * summarized. The next refresh shows it.
	 */
	public void reset() {
		this.since = this.clock.instant();
	}

	/**
	 * Return the start of the count.
	 * @return the application's start or the last reset
	 */
	public Instant getSince() {
		return this.since;
	}

	/**
	 * Return the last count, for a gauge.
	 * @return the count or NaN when it is unknown
	 */
	double countOrNaN() {
		Snapshot<DeadLetters> snapshot = snapshot();
		DeadLetters value = (snapshot != null) ? snapshot.value() : null;
		return (value != null) ? value.count() : Double.NaN;
	}

	@Override
	protected DeadLetters compute() throws Exception {
		Instant from = this.since;
		Duration timeout = getTimeout();
		List<TopicPartition> partitions = KafkaOffsets.partitions(this.admin, this.topics.get(), timeout)
			.values()
			.stream()
			.flatMap(List::stream)
			.toList();
		Map<TopicPartition, Long> ends = KafkaOffsets.offsets(this.admin, partitions, OffsetSpec.latest(), timeout);
		// The first offset written at or after the start; none means nothing since then.
		Map<TopicPartition, Long> firsts = KafkaOffsets.offsets(this.admin, partitions,
				OffsetSpec.forTimestamp(from.toEpochMilli()), timeout);
		Map<TopicPartition, long[]> ranges = new HashMap<>();
		long count = 0;
		for (TopicPartition partition : partitions) {
			long end = ends.getOrDefault(partition, 0L);
			long first = firsts.getOrDefault(partition, end);
			if (end > first) {
				ranges.put(partition, new long[] { first, end });
				count += end - first;
			}
		}
		DeadLetters previous = this.last;
		List<DeadLetters.Summary> newest = (previous != null && previous.since().equals(from)
				&& previous.count() == count) ? previous.newest() : readNewest(ranges);
		DeadLetters deadLetters = new DeadLetters(from, count, newest);
		this.last = deadLetters;
		return deadLetters;
	}

	private List<DeadLetters.Summary> readNewest(Map<TopicPartition, long[]> ranges) {
		if (ranges.isEmpty() || this.summaries <= 0) {
			return List.of();
		}
		List<DeadLetters.Summary> read = new ArrayList<>();
		Instant deadline = this.clock.instant().plus(getTimeout().dividedBy(2));
		try (Consumer<byte[], byte[]> consumer = this.consumers.get()) {
			consumer.assign(ranges.keySet());
			ranges
				.forEach((partition, range) -> consumer.seek(partition, Math.max(range[0], range[1] - this.summaries)));
			Map<TopicPartition, long[]> remaining = new HashMap<>(ranges);
			while (!remaining.isEmpty() && this.clock.instant().isBefore(deadline)) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					// A record written after the count's end offsets waits for the next
					// refresh, so that the summaries never show more than the count.
					long[] range = ranges.get(new TopicPartition(record.topic(), record.partition()));
					if (range != null && record.offset() < range[1]) {
						read.add(summarize(record));
					}
				}
				remaining.entrySet()
					.removeIf((
							entry) -> consumer.position(entry.getKey(), Duration.ofMillis(100)) >= entry.getValue()[1]);
			}
		}
		return read.stream()
			.sorted(Comparator.comparing(DeadLetters.Summary::timestamp)
				.thenComparing(DeadLetters.Summary::offset)
				.reversed())
			.limit(this.summaries)
			.toList();
	}

	private static DeadLetters.Summary summarize(ConsumerRecord<byte[], byte[]> record) {
		Headers headers = record.headers();
		return new DeadLetters.Summary(header(headers, EventHeaders.CE_ID), header(headers, EventHeaders.EVENT_TYPE),
				header(headers, KafkaHeaders.DLT_EXCEPTION_FQCN), header(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
				header(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC), record.topic(), record.partition(), record.offset(),
				Instant.ofEpochMilli(record.timestamp()));
	}

	private static @Nullable String header(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
