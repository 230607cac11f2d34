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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.dictamesh.events.Event;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Names of the Kafka headers the starter writes and reads, and the writing of an event's
 * headers: {@code event-type} and {@code event-version} for routing without
 * deserialization, and the CloudEvents Kafka protocol binding's binary-mode attributes so
 * that consumers other than this starter understand the record.
 */
public final class EventHeaders {

	/** Event type, read by the handler routing. */
	public static final String EVENT_TYPE = "event-type";

	/** Envelope version. */
	public static final String EVENT_VERSION = "event-version";

	/** Media type of the record value. */
	public static final String CONTENT_TYPE = "content-type";

	/** CloudEvents id. */
	public static final String CE_ID = "ce_id";

	/** CloudEvents type. */
	public static final String CE_TYPE = "ce_type";

	/** CloudEvents source. */
	public static final String CE_SOURCE = "ce_source";

	/** CloudEvents specification version. */
	public static final String CE_SPECVERSION = "ce_specversion";

	/** CloudEvents time. */
	public static final String CE_TIME = "ce_time";

	/** CloudEvents subject: the entity or relationship the event is about. */
	public static final String CE_SUBJECT = "ce_subject";

	/** Id of the handler whose last attempt failed, on a dead-lettered record. */
	public static final String DLT_HANDLER_ID = "dictamesh-dlt-handler-id";

	/** Number of delivery attempts made, on a dead-lettered record. */
	public static final String DLT_ATTEMPTS = "dictamesh-dlt-attempts";

	/**
	 * W3C trace context of the record that failed, on a dead-lettered record: the
	 * dead-letter publish replaces the {@code traceparent} header with its own.
	 */
	public static final String DLT_TRACEPARENT = "dictamesh-dlt-traceparent";

	/**
	 * Size in bytes of the value of the record that failed, on a dead-lettered record
	 * published without that value because the dead letter was too large for the
	 * dead-letter topic; the original stays at its topic, partition and offset.
	 */
	public static final String DLT_VALUE_DROPPED = "dictamesh-dlt-value-dropped";

	/** W3C trace context. */
	public static final String TRACEPARENT = "traceparent";

	/**
	 * Number of times a dead letter was sent back to its original topic; it stays on the
	 * record through further failures so that redrives cannot cycle for ever.
	 */
	public static final String REDRIVE_COUNT = "dictamesh-redrive-count";

	private static final byte[] SPECVERSION_1_0 = "1.0".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] UNKNOWN_SOURCE = "unknown".getBytes(StandardCharsets.US_ASCII);

	/**
	 * Encoded values that repeat from record to record (types, versions, sources, media
	 * types): encoding them again for each record was a visible part of the cost of a
	 * publish. Bounded, so that values that do not repeat cannot grow it for ever.
	 */
	private static final Map<String, byte[]> repeatedValues = new ConcurrentHashMap<>();

	private static final int MAX_REPEATED_VALUES = 1024;

	// ISO_INSTANT's four-digit years; the formatter itself handles the rest.
	private static final long FIRST_FAST_SECOND = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

	private static final long LAST_FAST_SECOND = LocalDateTime.of(9999, 12, 31, 23, 59, 59)
		.toEpochSecond(ZoneOffset.UTC);

	private EventHeaders() {
	}

	/**
	 * Return the headers of a record carrying the given event.
	 * @param event the event
	 * @param contentType the media type of the record value
	 * @return the headers
	 */
	public static Headers of(Event event, String contentType) {
		byte[] type = repeated(event.eventType());
		String subject = subjectOf(event);
		Header[] headers = new Header[(subject != null) ? 9 : 8];
		headers[0] = new RecordHeader(EVENT_TYPE, type);
		headers[1] = new RecordHeader(EVENT_VERSION, repeated(event.eventVersion()));
		headers[2] = new RecordHeader(CONTENT_TYPE, repeated(contentType));
		headers[3] = new RecordHeader(CE_SPECVERSION, SPECVERSION_1_0);
		headers[4] = new RecordHeader(CE_ID, event.eventId().getBytes(StandardCharsets.UTF_8));
		headers[5] = new RecordHeader(CE_TYPE, type);
		headers[6] = new RecordHeader(CE_SOURCE, (event.source() != null) ? repeated(event.source()) : UNKNOWN_SOURCE);
		headers[7] = new RecordHeader(CE_TIME, isoInstant(event.timestamp()));
		if (subject != null) {
			headers[8] = new RecordHeader(CE_SUBJECT, subject.getBytes(StandardCharsets.UTF_8));
		}
		return new RecordHeaders(headers);
	}

	private static @Nullable String subjectOf(Event event) {
		if (event.relationshipId() != null) {
			return event.relationshipId();
		}
		if (event.entityId() != null) {
			return (event.entityType() != null) ? event.entityType() + "/" + event.entityId() : event.entityId();
		}
		return null;
	}

	private static byte[] repeated(String value) {
		byte[] encoded = repeatedValues.get(value);
		if (encoded == null) {
			encoded = value.getBytes(StandardCharsets.UTF_8);
			if (repeatedValues.size() < MAX_REPEATED_VALUES) {
				repeatedValues.put(value, encoded);
			}
		}
		return encoded;
	}

	/**
	 * Return an instant as {@link DateTimeFormatter#ISO_INSTANT} writes it, in ASCII
	 * bytes. The formatter was a tenth of a publish's cost; this writes the same text
	 * directly.
	 * @param instant the instant
	 * @return the text's bytes, such as {@code 2026-11-30T01:24:06.123456Z}
	 */
	static byte[] isoInstant(Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
			return DateTimeFormatter.ISO_INSTANT.format(instant).getBytes(StandardCharsets.US_ASCII);
		}
		int nanos = instant.getNano();
		// As ISO_INSTANT: the fraction in groups of three digits, as many as it needs.
		int fractionDigits = (nanos == 0) ? 0 : (nanos % 1_000_000 == 0) ? 3 : (nanos % 1_000 == 0) ? 6 : 9;
		LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
		byte[] text = new byte[20 + ((fractionDigits > 0) ? fractionDigits + 1 : 0)];
		digits(text, 0, time.getYear(), 4);
		text[4] = '-';
		digits(text, 5, time.getMonthValue(), 2);
		text[7] = '-';
		digits(text, 8, time.getDayOfMonth(), 2);
		text[10] = 'T';
		digits(text, 11, time.getHour(), 2);
		text[13] = ':';
		digits(text, 14, time.getMinute(), 2);
		text[16] = ':';
		digits(text, 17, time.getSecond(), 2);
		if (fractionDigits > 0) {
			text[19] = '.';
			digits(text, 20, (fractionDigits == 3) ? nanos / 1_000_000 : (fractionDigits == 6) ? nanos / 1_000 : nanos,
					fractionDigits);
		}
		text[text.length - 1] = 'Z';
		return text;
	}

	private static void digits(byte[] text, int offset, int value, int count) {
		for (int i = offset + count - 1; i >= offset; i--) {
			text[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
	}

	/**
	 * Return the last value of a header as a string.
	 * @param headers the headers
	 * @param name the header name
	 * @return the value or {@code null}
	 */
	public static @Nullable String lastValue(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
