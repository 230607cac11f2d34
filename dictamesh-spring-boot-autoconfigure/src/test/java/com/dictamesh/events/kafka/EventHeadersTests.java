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
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.SplittableRandom;

import com.dictamesh.events.Event;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventHeaders}.
 */
class EventHeadersTests {

	@Test
	void writesTheRoutingAndCloudEventsHeadersOfAnEvent() {
		Event event = Event.entityUpdated("product", "p-1", Map.of("name", "Desk lamp"), null, null)
			.source("products-adapter")
			.timestamp(Instant.parse("2026-11-30T01:24:06.123456Z"))
			.build();
		Headers headers = EventHeaders.of(event, "application/json");
		assertThat(headers.toArray()).extracting(Header::key)
			.containsExactly("event-type", "event-version", "content-type", "ce_specversion", "ce_id", "ce_type",
					"ce_source", "ce_time", "ce_subject");
		assertThat(EventHeaders.lastValue(headers, "event-type")).isEqualTo("entity.updated");
		assertThat(EventHeaders.lastValue(headers, "ce_type")).isEqualTo("entity.updated");
		assertThat(EventHeaders.lastValue(headers, "event-version")).isEqualTo(event.eventVersion());
		assertThat(EventHeaders.lastValue(headers, "content-type")).isEqualTo("application/json");
		assertThat(EventHeaders.lastValue(headers, "ce_specversion")).isEqualTo("1.0");
		assertThat(EventHeaders.lastValue(headers, "ce_id")).isEqualTo(event.eventId());
		assertThat(EventHeaders.lastValue(headers, "ce_source")).isEqualTo("products-adapter");
		assertThat(EventHeaders.lastValue(headers, "ce_time")).isEqualTo("2026-11-30T01:24:06.123456Z");
		assertThat(EventHeaders.lastValue(headers, "ce_subject")).isEqualTo("product/p-1");
	}

	@Test
	void namesAnUnknownSourceAndLeavesOutTheSubjectOfAnEventAboutNothing() {
		Event event = Event.builder("system.started").build();
		Headers headers = EventHeaders.of(event, "application/avro");
		assertThat(EventHeaders.lastValue(headers, "ce_source")).isEqualTo("unknown");
		assertThat(headers.lastHeader("ce_subject")).isNull();
		assertThat(EventHeaders.lastValue(headers, "content-type")).isEqualTo("application/avro");
	}

	@Test
	void writesEachEventsOwnTypeWhenTypesRepeat() {
		for (int i = 0; i < 2_000; i++) {
			Event event = Event.builder("type." + (i % 1_500)).build();
			assertThat(EventHeaders.lastValue(EventHeaders.of(event, "application/json"), "event-type"))
				.isEqualTo("type." + (i % 1_500));
		}
	}

	@Test
	void writesInstantsAsIsoInstantDoes() {
		SplittableRandom random = new SplittableRandom(42);
		long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
		long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 20_000; i++) {
			long seconds = random.nextLong(first, last + 1);
			int nanos = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1_000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			assertIsoInstant(Instant.ofEpochSecond(seconds, nanos));
		}
		for (String edge : new String[] { "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
				"1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000001Z", "2024-02-29T12:00:00.100Z" }) {
			assertIsoInstant(Instant.parse(edge));
		}
		assertIsoInstant(Instant.MAX);
		assertIsoInstant(Instant.MIN);
		assertIsoInstant(Instant.parse("+10000-01-01T00:00:00Z"));
		assertIsoInstant(Instant.parse("-0001-12-31T23:59:59Z"));
	}

	private static void assertIsoInstant(Instant instant) {
		assertThat(new String(EventHeaders.isoInstant(instant), StandardCharsets.US_ASCII)).as("%s", instant)
			.isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
	}

}
