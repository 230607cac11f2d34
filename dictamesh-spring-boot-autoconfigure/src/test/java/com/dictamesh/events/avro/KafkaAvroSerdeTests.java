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

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KafkaAvroSerializer} and {@link KafkaAvroDeserializer} on an in-memory registry:
 * round trips, subjects, and the failures a consumer must be able to tell apart.
 */
class KafkaAvroSerdeTests {

	private static final Schema ORDER = new Schema.Parser().parse("""
			{"type": "record", "name": "Order", "namespace": "com.example",
			 "fields": [
			   {"name": "id", "type": "string"},
			   {"name": "quantity", "type": "int"},
			   {"name": "note", "type": ["null", "string"], "default": null}
			 ]}""");

	private final String scope = "serde-" + UUID.randomUUID();

	private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(this.scope);

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void genericRecordRoundTrips() {
		GenericRecord order = order("o-1", 3);

		byte[] bytes = serializer().serialize("orders", order);
		Object read = deserializer().deserialize("orders", bytes);

		assertThat(read).isInstanceOf(GenericRecord.class).isEqualTo(order);
		assertThat(bytes[0]).isEqualTo(AvroWireFormat.MAGIC_BYTE);
		assertThat(AvroWireFormat.schemaId(bytes)).isEqualTo(this.registry.getLatestSchema("orders-value").id());
	}

	@Test
	void specificRecordRoundTripsAsItsClassWithSpecificReader() {
		byte[] bytes = serializer().serialize("customers", new Customer("c-1", "Ada"));

		Object read = deserializer(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true").deserialize("customers", bytes);

		assertThat(read).isInstanceOf(Customer.class);
		assertThat(((Customer) read).getId()).isEqualTo("c-1");
		assertThat(((Customer) read).getName()).isEqualTo("Ada");
	}

	@Test
	void specificRecordIsReadAsGenericRecordWithoutSpecificReader() {
		byte[] bytes = serializer().serialize("customers", new Customer("c-1", "Ada"));

		Object read = deserializer().deserialize("customers", bytes);

		assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(Customer.class);
		assertThat(((GenericRecord) read).get("name")).hasToString("Ada");
	}

	@Test
	void primitivesRoundTripAndNullStaysNull() {
		KafkaAvroSerializer serializer = serializer();
		KafkaAvroDeserializer deserializer = deserializer();

		assertThat(deserializer.deserialize("texts", serializer.serialize("texts", "text"))).isEqualTo("text");
		assertThat(deserializer.deserialize("counts", serializer.serialize("counts", 42L))).isEqualTo(42L);
		assertThat(deserializer.deserialize("blobs", serializer.serialize("blobs", new byte[] { 1, 2 })))
			.isEqualTo(new byte[] { 1, 2 });
		assertThat(serializer.serialize("t", null)).isNull();
		assertThat(deserializer.deserialize("t", null)).isNull();
	}

	@Test
	void valueThatIsNotAvroIsRefused() {
		assertThatExceptionOfType(AvroSerializationException.class)
			.isThrownBy(() -> serializer().serialize("orders", Map.of("id", "o-1")))
			.withMessageContaining("Cannot write a java.util")
			.withMessageContaining("topic 'orders'");
	}

	@Test
	void bytesWithoutTheMagicByteAreRefusedAsNotWireFormat() {
		byte[] json = "{\"id\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(AvroDeserializationException.class)
			.isThrownBy(() -> deserializer().deserialize("orders", json))
			.isInstanceOf(SerializationException.class)
			.withMessage("Record value on topic 'orders' is not in the schema registry's Avro wire format: "
					+ "byte 0 is 0x7b, not the magic byte 0x00")
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(AvroDeserializationException.Reason.NOT_WIRE_FORMAT);
				assertThat(ex.getSchemaId()).isNull();
				assertThat(ex.getTopic()).isEqualTo("orders");
			});
	}

	@Test
	void unknownSchemaIdIsRefusedWithTheId() {
		byte[] bytes = HexFormat.of().parseHex("000000006306");

		assertThatExceptionOfType(AvroDeserializationException.class)
			.isThrownBy(() -> deserializer().deserialize("orders", bytes))
			.withMessageContaining("names schema id 99, which the schema registry does not know (error code 40403")
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(AvroDeserializationException.Reason.UNKNOWN_SCHEMA_ID);
				assertThat(ex.getSchemaId()).isEqualTo(99);
			});
	}

	@Test
	void readerSchemaThatCannotReadTheWritersIsRefusedWithTheReason() {
		Schema customerWithNumericName = new Schema.Parser().parse("""
				{"type": "record", "name": "Customer", "namespace": "com.dictamesh.events.avro",
				 "fields": [{"name": "id", "type": "string"}, {"name": "name", "type": "long"}]}""");
		GenericRecord customer = new GenericData.Record(customerWithNumericName);
		customer.put("id", "c-1");
		customer.put("name", 7L);
		byte[] bytes = serializer().serialize("customers", customer);
		KafkaAvroDeserializer deserializer = deserializer(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");

		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(AvroDeserializationException.class)
				.isThrownBy(() -> deserializer.deserialize("customers", bytes))
				.withMessageContaining("which the reader schema com.dictamesh.events.avro.Customer cannot read")
				.withMessageContaining("TYPE_MISMATCH at /fields/1/type")
				.satisfies((ex) -> assertThat(ex.getReason())
					.isEqualTo(AvroDeserializationException.Reason.INCOMPATIBLE_READER_SCHEMA));
		}
	}

	@Test
	void specificReaderWithoutAClassOfTheWritersNameIsRefused() {
		byte[] bytes = serializer().serialize("orders", order("o-1", 1));

		assertThatExceptionOfType(AvroDeserializationException.class)
			.isThrownBy(() -> deserializer(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true").deserialize("orders", bytes))
			.withMessageContaining("no class is named com.example.Order")
			.satisfies(
					(ex) -> assertThat(ex.getReason()).isEqualTo(AvroDeserializationException.Reason.NO_READER_CLASS));
	}

	@Test
	void truncatedDataIsRefusedAsMalformed() {
		byte[] bytes = serializer().serialize("orders", order("o-1", 1));
		byte[] truncated = java.util.Arrays.copyOf(bytes, 7);

		assertThatExceptionOfType(AvroDeserializationException.class)
			.isThrownBy(() -> deserializer().deserialize("orders", truncated))
			.withMessageContaining("does not decode with schema id")
			.satisfies(
					(ex) -> assertThat(ex.getReason()).isEqualTo(AvroDeserializationException.Reason.MALFORMED_DATA));
	}

	@Test
	void topicNameStrategyIsTheDefaultForKeysAndValues() {
		KafkaAvroSerializer keys = new KafkaAvroSerializer();
		keys.configure(config(), true);

		keys.serialize("orders", order("o-1", 1));
		serializer().serialize("orders", order("o-1", 1));

		assertThat(this.registry.getLatestSchema("orders-key").schema()).isEqualTo(ORDER);
		assertThat(this.registry.getLatestSchema("orders-value").schema()).isEqualTo(ORDER);
	}

	@Test
	void confluentStrategyClassNamesAndShortNamesSelectTheSubject() {
		serializer(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
				"io.confluent.kafka.serializers.subject.RecordNameStrategy")
			.serialize("orders", order("o-1", 1));
		serializer(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "TopicRecordNameStrategy").serialize("orders",
				order("o-1", 1));
		serializer(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicNameStrategy.class.getName()).serialize("audit",
				order("o-1", 1));

		assertThat(this.registry.getLatestSchema("com.example.Order").schema()).isEqualTo(ORDER);
		assertThat(this.registry.getLatestSchema("orders-com.example.Order").schema()).isEqualTo(ORDER);
		assertThat(this.registry.getLatestSchema("audit-value").schema()).isEqualTo(ORDER);
	}

	@Test
	void unknownStrategyFailsConfiguration() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> serializer(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "TopicOrRecordStrategy"))
			.withMessageContaining("value.subject.name.strategy")
			.withMessageContaining("expected TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy");
	}

	@Test
	void withoutAutoRegisterTheSchemaMustBeRegisteredAlready() {
		KafkaAvroSerializer serializer = serializer(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");

		assertThatExceptionOfType(AvroSerializationException.class)
			.isThrownBy(() -> serializer.serialize("orders", order("o-1", 1)))
			.withMessageContaining("Could not find the id of schema com.example.Order under subject 'orders-value'")
			.havingCause()
			.isInstanceOfSatisfying(SchemaRegistryException.class, (ex) -> assertThat(ex.isNotFound()).isTrue());

		int id = this.registry.register("orders-value", ORDER);
		assertThat(AvroWireFormat.schemaId(serializer.serialize("orders", order("o-1", 1)))).isEqualTo(id);
	}

	@Test
	void useLatestVersionWritesWithTheLatestIdWhenTheSchemaMatchesIt() {
		Schema sameWithDoc = new Schema.Parser()
			.parse(ORDER.toString().replace("\"fields\"", "\"doc\":\"An order\",\"fields\""));
		int id = this.registry.register("orders-value", sameWithDoc);
		KafkaAvroSerializer serializer = serializer(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false",
				AvroSerdeConfig.USE_LATEST_VERSION, "true");

		assertThat(AvroWireFormat.schemaId(serializer.serialize("orders", order("o-1", 1)))).isEqualTo(id);

		Schema other = new Schema.Parser().parse("""
				{"type": "record", "name": "Order", "namespace": "com.example",
				 "fields": [{"name": "id", "type": "string"}]}""");
		GenericRecord otherOrder = new GenericData.Record(other);
		otherOrder.put("id", "o-2");
		assertThatExceptionOfType(AvroSerializationException.class)
			.isThrownBy(() -> serializer.serialize("orders", otherOrder))
			.withMessageContaining("differs from the latest version (1, id " + id + ") of subject 'orders-value'");
	}

	@Test
	void serializerIsConfiguredByClassNameAsAPlainKafkaClientDoes() {
		Map<String, Object> properties = new HashMap<>(config());
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				"org.apache.kafka.common.serialization.StringSerializer");
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class.getName());
		properties.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
				"io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
		ProducerConfig producerConfig = new ProducerConfig(properties);

		Serializer<?> serializer = producerConfig.getConfiguredInstance(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
				Serializer.class);
		serializer.configure(producerConfig.originals(), false);
		@SuppressWarnings("unchecked")
		byte[] bytes = ((Serializer<Object>) serializer).serialize("orders", order("o-1", 1));

		assertThat(AvroWireFormat.schemaId(bytes))
			.isEqualTo(this.registry.getLatestSchema("orders-com.example.Order").id());
	}

	private static GenericRecord order(String id, int quantity) {
		GenericRecord order = new GenericData.Record(ORDER);
		order.put("id", id);
		order.put("quantity", quantity);
		return order;
	}

	private Map<String, Object> config(Object... keysAndValues) {
		return SchemaRegistryServer.config("mock://" + this.scope, keysAndValues);
	}

	private KafkaAvroSerializer serializer(Object... keysAndValues) {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config(keysAndValues), false);
		return serializer;
	}

	private KafkaAvroDeserializer deserializer(Object... keysAndValues) {
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(config(keysAndValues), false);
		return deserializer;
	}

}
