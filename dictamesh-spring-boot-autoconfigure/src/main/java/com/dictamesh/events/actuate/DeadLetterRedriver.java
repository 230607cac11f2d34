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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.dictamesh.events.kafka.EventHeaders;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;

/**
 * Sends chosen dead letters back to the topic they failed on, with their original key,
 * value and headers (the W3C {@code traceparent} among them, so the trace continues)
 * minus the dead-letter headers, and a {@value EventHeaders#REDRIVE_COUNT} header one
 * higher. A record already redriven {@code maxRedrives} times goes to the parking topic
 * instead, so that a record that can never be handled does not cycle.
 */
public class DeadLetterRedriver {

	private static final Log logger = LogFactory.getLog(DeadLetterRedriver.class);

	private final DeadLetterBrowser browser;

	private final KafkaOperations<byte[], byte[]> operations;

	private final int maxRedrives;

	private final String parkingTopic;

	/**
	 * Create a redriver.
	 * @param browser reads the dead-letter topics
	 * @param operations sends the records; without an observation of its own, so that the
	 * records keep the trace they carry
	 * @param maxRedrives how often a record may be redriven before it is parked
	 * @param parkingTopic where records redriven too often go
	 */
	public DeadLetterRedriver(DeadLetterBrowser browser, KafkaOperations<byte[], byte[]> operations, int maxRedrives,
			String parkingTopic) {
		this.browser = browser;
		this.operations = operations;
		this.maxRedrives = maxRedrives;
		this.parkingTopic = parkingTopic;
	}

	/**
	 * Return the topic that holds records redriven too often.
	 * @return the parking topic
	 */
	public String getParkingTopic() {
		return this.parkingTopic;
	}

	/**
	 * Redrive the dead letters a selection chooses, each at most once: of several dead
	 * letters of one event, only the newest.
	 * @param deadLetterTopics the dead-letter topics to choose from
	 * @param selection what to redrive
	 * @return what was redriven, parked and skipped
	 */
	public RedriveResult redrive(Collection<String> deadLetterTopics, Selection selection) {
		List<ConsumerRecord<byte[], byte[]>> candidates = new ArrayList<>();
		if (selection.topic() != null) {
			candidates.addAll(read(selection.topic(), selection));
		}
		else {
			deadLetterTopics.forEach((topic) -> candidates.addAll(read(topic, selection)));
		}
		List<Skipped> skipped = new ArrayList<>();
		Map<String, ConsumerRecord<byte[], byte[]>> chosen = new LinkedHashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : candidates) {
			DeadLetter letter = this.browser.describe(record);
			if (!selection.eventIds().isEmpty() && !selection.eventIds().contains(letter.eventId())) {
				continue;
			}
			if (letter.originalTopic() == null) {
				skipped.add(new Skipped(letter.eventId(), record.topic(), record.partition(), record.offset(),
						"The record has no " + KafkaHeaders.DLT_ORIGINAL_TOPIC + " header"));
				continue;
			}
			String identity = (letter.eventId() != null) ? letter.eventId()
					: record.topic() + "-" + record.partition() + "@" + record.offset();
			ConsumerRecord<byte[], byte[]> previous = chosen.get(identity);
			if (previous == null || isNewer(record, previous)) {
				chosen.put(identity, record);
			}
			ConsumerRecord<byte[], byte[]> older = (previous == null) ? null
					: (chosen.get(identity) == record) ? previous : record;
			if (older != null) {
				skipped.add(new Skipped(letter.eventId(), older.topic(), older.partition(), older.offset(),
						"A newer dead letter of the same event is redriven in this request"));
			}
		}
		List<CompletableFuture<Sent>> sends = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : chosen.values()) {
			sends.add(send(record));
		}
		List<Sent> redriven = new ArrayList<>();
		List<Sent> parked = new ArrayList<>();
		for (CompletableFuture<Sent> send : sends) {
			Sent sent = await(send);
			(sent.parked() ? parked : redriven).add(sent);
		}
		return new RedriveResult(redriven, parked, skipped);
	}

	private List<ConsumerRecord<byte[], byte[]>> read(String topic, Selection selection) {
		long from = (selection.fromOffset() != null) ? selection.fromOffset() : 0;
		long to = (selection.toOffset() != null) ? selection.toOffset() : Long.MAX_VALUE;
		return this.browser.readRange(topic, selection.partition(), from, to);
	}

	private static boolean isNewer(ConsumerRecord<?, ?> record, ConsumerRecord<?, ?> than) {
		if (record.timestamp() != than.timestamp()) {
			return record.timestamp() > than.timestamp();
		}
		return record.topic().equals(than.topic()) && record.partition() == than.partition()
				&& record.offset() > than.offset();
	}

	private CompletableFuture<Sent> send(ConsumerRecord<byte[], byte[]> record) {
		DeadLetter letter = this.browser.describe(record);
		int count = letter.redriveCount();
		boolean park = count >= this.maxRedrives;
		// The dead-letter publish traces itself and replaces the traceparent; the
		// event's own is kept in a dead-letter header and restored here, so that the
		// handler continues the event's trace.
		String eventTraceparent = EventHeaders.lastValue(record.headers(), EventHeaders.DLT_TRACEPARENT);
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (header.key().equals(EventHeaders.REDRIVE_COUNT) || (!park && isDeadLetterHeader(header.key()))
					|| (!park && eventTraceparent != null && header.key().equals(EventHeaders.TRACEPARENT))) {
				continue;
			}
			headers.add(header);
		}
		if (!park && eventTraceparent != null) {
			headers.add(EventHeaders.TRACEPARENT, eventTraceparent.getBytes(StandardCharsets.UTF_8));
		}
		int newCount = park ? count : count + 1;
		headers.add(EventHeaders.REDRIVE_COUNT, String.valueOf(newCount).getBytes(StandardCharsets.UTF_8));
		String target = park ? this.parkingTopic : letter.originalTopic();
		ProducerRecord<byte[], byte[]> producerRecord = new ProducerRecord<>(target, null, record.key(), record.value(),
				headers);
		return this.operations.send(producerRecord).thenApply((SendResult<byte[], byte[]> result) -> {
			int partition = result.getRecordMetadata().partition();
			long offset = result.getRecordMetadata().offset();
			if (park) {
				logger.warn("Parked dead letter " + record.topic() + "-" + record.partition() + "@" + record.offset()
						+ " of event " + letter.eventId() + " on " + target + "-" + partition + "@" + offset
						+ ": it was redriven " + count + " time(s) already");
			}
			else {
				logger.info("Redrove dead letter " + record.topic() + "-" + record.partition() + "@" + record.offset()
						+ " of event " + letter.eventId() + " to " + target + "-" + partition + "@" + offset
						+ " (redrive " + newCount + ")");
			}
			return new Sent(letter.eventId(), record.topic(), record.partition(), record.offset(), target, partition,
					offset, newCount, park);
		});
	}

	private static boolean isDeadLetterHeader(String name) {
		return name.startsWith("kafka_dlt-") || name.startsWith("dictamesh-dlt-")
				|| name.equals(KafkaHeaders.DELIVERY_ATTEMPT);
	}

	private static Sent await(CompletableFuture<Sent> send) {
		try {
			return send.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while redriving", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("A redrive was not acknowledged: " + ex.getMessage(), ex);
		}
	}

	/**
	 * What to redrive: the dead letters of the given events, or of an offset range of a
	 * topic (and partition), or all of them. Conditions combine.
	 *
	 * @param eventIds the events, empty for any
	 * @param topic the dead-letter topic, {@code null} for all
	 * @param partition the partition, {@code null} for all
	 * @param fromOffset the first offset, {@code null} for the beginning
	 * @param toOffset the last offset (inclusive), {@code null} for the end
	 */
	public record Selection(Set<String> eventIds, @Nullable String topic, @Nullable Integer partition,
			@Nullable Long fromOffset, @Nullable Long toOffset) {

	}

	/**
	 * The outcome of a redrive.
	 *
	 * @param redriven the records sent back to their original topic
	 * @param parked the records sent to the parking topic
	 * @param skipped the selected records not sent, and why
	 */
	public record RedriveResult(List<Sent> redriven, List<Sent> parked, List<Skipped> skipped) {

	}

	/**
	 * A dead letter sent on.
	 *
	 * @param eventId the event id
	 * @param deadLetterTopic the dead-letter topic
	 * @param deadLetterPartition the partition in the dead-letter topic
	 * @param deadLetterOffset the offset in the dead-letter topic
	 * @param topic where it was sent
	 * @param partition the partition it was sent to
	 * @param offset the offset it was written at
	 * @param redriveCount the redrive count the sent record carries
	 * @param parked whether it went to the parking topic
	 */
	public record Sent(@Nullable String eventId, String deadLetterTopic, int deadLetterPartition, long deadLetterOffset,
			String topic, int partition, long offset, int redriveCount, boolean parked) {

	}

	/**
	 * A selected dead letter that was not sent.
	 *
	 * @param eventId the event id
	 * @param deadLetterTopic the dead-letter topic
	 * @param deadLetterPartition the partition in the dead-letter topic
	 * @param deadLetterOffset the offset in the dead-letter topic
	 * @param reason why it was not sent
	 */
	public record Skipped(@Nullable String eventId, String deadLetterTopic, int deadLetterPartition,
			long deadLetterOffset, String reason) {

	}

}
