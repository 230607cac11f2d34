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

package com.dictamesh.events.avro;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventMetadata;
import com.dictamesh.events.kafka.EventDeserializationException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AvroEventSerializer}.
 */
class AvroEventSerializerTests {

	private static final String TOPIC = "dictamesh.entity.changed";

	private final String scope = "avro-event-serializer-" + UUID.randomUUID();

	private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(this.scope);

	private final AvroEventSerializer serializer = new AvroEventSerializer(this.registry, Map.of(),
			JsonMapper.builder().build());

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void everyEnvelopeFieldSurvivesTheRoundTrip() {
		Event event = Event
			.entityUpdated("product", "p-1", Map.of("name", "Lamp"), List.of("name"), Map.of("name", "Old lamp"))
			.timestamp(Instant.parse("2026-11-29T10:15:30.123456Z"))
			.source("catalog")
			.sourceEntityId("src-1")
			.domain("retail")
			.schemaVersion("3")
			.metadata(new EventMetadata("corr", "cause", "user", "session", Map.of("tenant", "eu")))
			.trace("trace-1", "span-1")
			.relationship("owns", "shop", "s-1", "product", "p-1")
			.build();

		byte[] bytes = this.serializer.serialize(TOPIC, event);

		assertThat(AvroWireFormat.schemaId(bytes)).isEqualTo(this.registry.getLatestSchema(TOPIC + "-value").id());
		Event read = this.serializer.deserialize(TOPIC, bytes);
		assertThat(read).usingRecursiveComparison()
			.isEqualTo(event.toBuilder().timestamp(event.timestamp().truncatedTo(ChronoUnit.MILLIS)).build());
	}

	@Test
	void avroPayloadIsWrittenUnderItsOwnSubjectAndReadAsTheHandlersClass() {
		Customer customer = new Customer("c-1", "Ada");
		byte[] bytes = this.serializer.serialize(TOPIC, Event.entityCreated("customer", "c-1", customer).build());

		Object data = this.serializer.deserialize(TOPIC, bytes).data();

		assertThat(data).isInstanceOf(GenericRecord.class);
		assertThat(this.registry.getLatestSchema(Customer.class.getName()).schema()).isEqualTo(Customer.SCHEMA$);
		Customer converted = (Customer) this.serializer.convertData(data, Customer.class);
		assertThat(converted.getId()).isEqualTo("c-1");
		assertThat(converted.getName()).isEqualTo("Ada");
		assertThat(this.serializer.convertData(data, CustomerView.class)).isEqualTo(new CustomerView("c-1", "Ada"));
	}

	@Test
	void recordWithAnIdTheRegistryDoesNotKnowIsNotAnEvent() {
		byte[] bytes = this.serializer.serialize(TOPIC, Event.entityDeleted("product", "p-1").build());
		AvroEventSerializer elsewhere = new AvroEventSerializer(MockSchemaRegistry.forScope(this.scope + "-elsewhere"),
				Map.of(), JsonMapper.builder().build());
		try {
			assertThatExceptionOfType(EventDeserializationException.class)
				.isThrownBy(() -> elsewhere.deserialize(TOPIC, bytes))
				.withMessageStartingWith("UNKNOWN_SCHEMA_ID: ")
				.withMessageContaining("schema id " + AvroWireFormat.schemaId(bytes));
		}
		finally {
			MockSchemaRegistry.dropScope(this.scope + "-elsewhere");
		}
	}

	@Test
	void registryFailureIsLeftRetryable() {
		byte[] bytes = this.serializer.serialize(TOPIC, Event.entityDeleted("product", "p-1").build());
		SchemaRegistryClient down = new CachingSchemaRegistryClient(this.registry) {

			@Override
			public Schema getSchemaById(int id) {
				throw new SchemaRegistryException("Schema registry http://registry:8081 did not answer", null, true);
			}

		};
		AvroEventSerializer reader = new AvroEventSerializer(down, Map.of(), JsonMapper.builder().build());

		assertThatExceptionOfType(AvroDeserializationException.class).isThrownBy(() -> reader.deserialize(TOPIC, bytes))
			.satisfies(
					(ex) -> assertThat(ex.getReason()).isEqualTo(AvroDeserializationException.Reason.REGISTRY_FAILURE))
			.isNotInstanceOf(EventDeserializationException.class);
	}

	@Test
	void genericPayloadStaysGenericAndWritingWithoutATopicIsRefused() {
		Schema note = new Schema.Parser().parse("""
				{"type": "record", "name": "Note", "fields": [{"name": "text", "type": "string"}]}""");
		GenericRecord record = new GenericData.Record(note);
		record.put("text", "hello");
		Event event = Event.entityCreated("note", "n-1", record).build();

		Object data = this.serializer.deserialize(TOPIC, this.serializer.serialize(TOPIC, event)).data();

		assertThat(this.serializer.convertData(data, GenericRecord.class)).isEqualTo(record);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.serializer.serialize(event));
	}

	record CustomerView(String id, String name) {
	}

}
