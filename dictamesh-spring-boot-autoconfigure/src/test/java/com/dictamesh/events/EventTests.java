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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.dictamesh.events.kafka.EventDeserializationException;
import com.dictamesh.events.kafka.JsonEventSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Event} and its JSON form.
 */
class EventTests {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final JsonEventSerializer serializer = new JsonEventSerializer(this.jsonMapper);

	@Test
	void writesEveryEnvelopeFieldInSnakeCase() {
		// tag::envelope-builder[]
		Event event = Event.entityUpdated("product", "42", Map.of("price", 10), List.of("price"), Map.of("price", 12))
			.eventId("e-1")
			.timestamp(Instant.parse("2026-11-25T10:15:30.123Z"))
			.source("products-adapter")
			.sourceEntityId("sku-42")
			.domain("catalog")
			.schemaVersion("2")
			.metadata(new EventMetadata("corr-1", "cause-1", "user-7", "session-9", Map.of("tenant", "acme")))
			.trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
			.build();
		// end::envelope-builder[]

		JsonNode json = this.jsonMapper.readTree(this.serializer.serialize(event));

		assertThat(json.get("event_id").asString()).isEqualTo("e-1");
		assertThat(json.get("event_type").asString()).isEqualTo("entity.updated");
		assertThat(json.get("event_version").asString()).isEqualTo("1.0.0");
		assertThat(json.get("timestamp").asString()).isEqualTo("2026-11-25T10:15:30.123Z");
		assertThat(json.get("source").asString()).isEqualTo("products-adapter");
		assertThat(json.get("source_entity_id").asString()).isEqualTo("sku-42");
		assertThat(json.get("entity_id").asString()).isEqualTo("42");
		assertThat(json.get("entity_type").asString()).isEqualTo("product");
		assertThat(json.get("domain").asString()).isEqualTo("catalog");
		assertThat(json.get("schema_version").asString()).isEqualTo("2");
		assertThat(json.get("data").get("price").asInt()).isEqualTo(10);
		assertThat(json.get("changed_fields").get(0).asString()).isEqualTo("price");
		assertThat(json.get("previous_data").get("price").asInt()).isEqualTo(12);
		JsonNode metadata = json.get("metadata");
		assertThat(metadata.get("correlation_id").asString()).isEqualTo("corr-1");
		assertThat(metadata.get("causation_id").asString()).isEqualTo("cause-1");
		assertThat(metadata.get("user_id").asString()).isEqualTo("user-7");
		assertThat(metadata.get("session_id").asString()).isEqualTo("session-9");
		assertThat(metadata.get("tags").get("tenant").asString()).isEqualTo("acme");
		assertThat(json.get("trace_id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(json.get("span_id").asString()).isEqualTo("00f067aa0ba902b7");
		assertThat(json.has("relationship_id")).isFalse();
	}

	@Test
	void withMetadataChangesTheMetadataAndNothingElse() {
		Event event = Event.builder("order.shipped")
			.eventId("e-3")
			.source("orders")
			.sourceEntityId("src-1")
			.entity("order", "o-1")
			.domain("sales")
			.schemaVersion("3")
			.data(Map.of("total", 99))
			.changedFields(List.of("status"))
			.previousData(Map.of("status", "packed"))
			.relationship("ships", "carrier", "c-1", "parcel", "p-1")
			.trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7")
			.build();
		EventMetadata metadata = new EventMetadata("corr-9", "cause-9", "user-1", "session-1", Map.of("k", "v"));

		assertThat(event.withMetadata(metadata)).isEqualTo(event.toBuilder().metadata(metadata).build());
	}

	@Test
	void readsBackWhatItWrote() {
		Event event = Event.relationshipCreated("supplies", "supplier", "s-1", "product", "p-9")
			.source("suppliers-adapter")
			.correlationId("flow-1")
			.build();

		Event read = this.serializer.deserialize(this.serializer.serialize(event));

		assertThat(read).isEqualTo(event);
		assertThat(read.relationshipId()).isEqualTo("supplier:s-1:supplies:product:p-9");
		assertThat(read.metadata().correlationId()).isEqualTo("flow-1");
	}

	@Test
	void toleratesUnknownFieldsAndMissingOptionalOnes() {
		String json = """
				{"event_id":"e-2","event_type":"order.placed","timestamp":"2026-01-02T03:04:05Z",
				 "added_in_a_later_version":{"x":1},"data":{"total":99}}
				""";

		Event event = this.serializer.deserialize(json.getBytes());

		assertThat(event.eventId()).isEqualTo("e-2");
		assertThat(event.eventVersion()).isEqualTo(Event.CURRENT_VERSION);
		assertThat(event.metadata()).isEqualTo(EventMetadata.EMPTY);
		assertThat(event.data()).isEqualTo(Map.of("total", 99));
	}

	@Test
	void rejectsJsonThatIsNotAnEvent() {
		assertThatExceptionOfType(EventDeserializationException.class)
			.isThrownBy(() -> this.serializer.deserialize("{\"hello\":\"world\"}".getBytes()))
			.withMessageContaining("event_id");
		assertThatExceptionOfType(EventDeserializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(new byte[] { 0, 1, 2 }));
	}

	@Test
	void bindsDataToTheHandlersType() {
		record Price(long cents, String currency) {
		}
		Object data = this.serializer
			.deserialize(this.serializer.serialize(Event.entityCreated("price", "1", new Price(990, "EUR")).build()))
			.data();

		assertThat(this.serializer.convertData(data, Price.class)).isEqualTo(new Price(990, "EUR"));
		assertThatExceptionOfType(EventDeserializationException.class)
			.isThrownBy(() -> this.serializer.convertData(Map.of("cents", "lots"), Price.class));
	}

	@Test
	void partitionKeyKeepsAnEntityOrARelationshipSubjectOnOnePartition() {
		assertThat(Event.entityDeleted("product", "42").build().partitionKey()).isEqualTo("product:42");
		assertThat(Event.relationshipDeleted("supplies", "supplier", "s-1", "product", "p-9").build().partitionKey())
			.isEqualTo("rel:supplier:s-1");
		assertThat(Event.builder(EventTypes.HEALTH_CHECK).build().partitionKey()).isNull();
	}

	@Test
	void newEventsGetAnIdAndATime() {
		Event first = Event.builder("custom.happened").build();
		Event second = Event.builder("custom.happened").build();

		assertThat(first.eventId()).isNotEqualTo(second.eventId()).hasSize(36);
		assertThat(first.timestamp()).isBeforeOrEqualTo(Instant.now());
	}

}
