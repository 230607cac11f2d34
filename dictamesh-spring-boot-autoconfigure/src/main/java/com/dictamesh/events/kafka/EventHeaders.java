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
import java.time.format.DateTimeFormatter;

import com.dictamesh.events.Event;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
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

	private EventHeaders() {
	}

	/**
	 * Return the headers of a record carrying the given event.
	 * @param event the event
	 * @param contentType the media type of the record value
	 * @return the headers
	 */
	public static Headers of(Event event, String contentType) {
		RecordHeaders headers = new RecordHeaders();
		add(headers, EVENT_TYPE, event.eventType());
		add(headers, EVENT_VERSION, event.eventVersion());
		add(headers, CONTENT_TYPE, contentType);
		add(headers, CE_SPECVERSION, "1.0");
		add(headers, CE_ID, event.eventId());
		add(headers, CE_TYPE, event.eventType());
		add(headers, CE_SOURCE, (event.source() != null) ? event.source() : "unknown");
		add(headers, CE_TIME, DateTimeFormatter.ISO_INSTANT.format(event.timestamp()));
		add(headers, CE_SUBJECT, subjectOf(event));
		return headers;
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

	private static void add(Headers headers, String name, @Nullable String value) {
		if (value != null) {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
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
