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

import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A subject evolving under BACKWARD rules: a consumer built on version 1 keeps reading
 * what version 2 producers write, a consumer on version 2 reads version 1 records, and an
 * incompatible version 3 is refused with the subject, version and reason.
 */
class SchemaEvolutionTests {

	// tag::v2[]
	static final Schema CUSTOMER_V2 = new Schema.Parser().parse("""
			{"type": "record", "name": "Customer", "namespace": "com.dictamesh.events.avro",
			 "fields": [
			   {"name": "id", "type": "string"},
			   {"name": "name", "type": "string"},
			   {"name": "email", "type": "string", "default": ""}
			 ]}""");

	// end::v2[]

	// tag::v3[]
	static final Schema CUSTOMER_V3 = new Schema.Parser().parse("""
			{"type": "record", "name": "Customer", "namespace": "com.dictamesh.events.avro",
			 "fields": [
			   {"name": "id", "type": "string"},
			   {"name": "name", "type": "string"},
			   {"name": "email", "type": "string", "default": ""},
			   {"name": "phone", "type": "string"}
			 ]}""");

	// end::v3[]

	private final String scope = "evolution-" + UUID.randomUUID();

	private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(this.scope);

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void consumerOnVersionOneReadsRecordsWrittenWithVersionTwo() {
		KafkaAvroSerializer serializer = serializer();
		int v1 = AvroWireFormat.schemaId(serializer.serialize("customers", new Customer("c-1", "Ada")));
		GenericRecord customer = new GenericData.Record(CUSTOMER_V2);
		customer.put("id", "c-2");
		customer.put("name", "Grace");
		customer.put("email", "grace@example.com");

		byte[] written = serializer.serialize("customers", customer);

		assertThat(AvroWireFormat.schemaId(written)).isNotEqualTo(v1);
		assertThat(this.registry.getLatestSchema("customers-value").version()).isEqualTo(2);
		Object read = deserializer(AvroSerdeConfig.SPECIFIC_AVRO_READER, true).deserialize("customers", written);
		assertThat(read).isInstanceOf(Customer.class);
		assertThat(((Customer) read).getId()).isEqualTo("c-2");
		assertThat(((Customer) read).getName()).isEqualTo("Grace");
	}

	@Test
	void consumerOnTheLatestVersionReadsVersionOneRecordsWithTheDefault() {
		KafkaAvroSerializer serializer = serializer();
		byte[] writtenWithV1 = serializer.serialize("customers", new Customer("c-1", "Ada"));
		this.registry.register("customers-value", CUSTOMER_V2);

		Object read = deserializer(AvroSerdeConfig.USE_LATEST_VERSION, true).deserialize("customers", writtenWithV1);

		assertThat(((GenericRecord) read).getSchema()).isEqualTo(CUSTOMER_V2);
		assertThat(((GenericRecord) read).get("name")).hasToString("Ada");
		assertThat(((GenericRecord) read).get("email")).hasToString("");
	}

	@Test
	void incompatibleVersionThreeIsRefusedWithSubjectVersionAndReason() {
		KafkaAvroSerializer serializer = serializer();
		serializer.serialize("customers", new Customer("c-1", "Ada"));
		this.registry.register("customers-value", CUSTOMER_V2);

		// tag::compatibility-check[]
		CompatibilityCheck check = this.registry.testCompatibility("customers-value", "latest", CUSTOMER_V3);
		// end::compatibility-check[]

		assertThat(check.compatible()).isFalse();
		assertThatExceptionOfType(IncompatibleSchemaException.class).isThrownBy(check::requireCompatible)
			.withMessage("Schema is not compatible with subject 'customers-value' version latest: the new schema "
					+ "cannot read data written with version 2: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/3 (phone)")
			.satisfies((ex) -> {
				assertThat(ex.getSubject()).isEqualTo("customers-value");
				assertThat(ex.getVersion()).isEqualTo("latest");
				assertThat(ex.getReasons()).hasSize(1);
			});
		GenericRecord customer = new GenericData.Record(CUSTOMER_V3);
		customer.put("id", "c-3");
		customer.put("name", "Edsger");
		customer.put("email", "");
		customer.put("phone", "555");
		assertThatExceptionOfType(AvroSerializationException.class)
			.isThrownBy(() -> serializer.serialize("customers", customer))
			.withMessageContaining("Could not register subject 'customers-value'")
			.havingCause()
			.isInstanceOfSatisfying(SchemaRegistryException.class,
					(ex) -> assertThat(ex.getErrorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA));
		assertThat(this.registry.getLatestSchema("customers-value").version()).isEqualTo(2);
	}

	@Test
	void versionThreeIsAcceptedWhereTheSubjectsLevelIsNone() {
		this.registry.register("customers-value", Customer.SCHEMA$);
		this.registry.updateCompatibility("customers-value", CompatibilityLevel.NONE);

		this.registry.register("customers-value", CUSTOMER_V3);

		assertThat(this.registry.getLatestSchema("customers-value").schema()).isEqualTo(CUSTOMER_V3);
	}

	@Test
	void forwardLevelRefusesWhatTheOldVersionCannotRead() {
		this.registry.register("customers-value", CUSTOMER_V2);
		this.registry.updateCompatibility("customers-value", CompatibilityLevel.FORWARD);
		Schema withoutName = new Schema.Parser().parse("""
				{"type": "record", "name": "Customer", "namespace": "com.dictamesh.events.avro",
				 "fields": [{"name": "id", "type": "string"}]}""");

		assertThat(this.registry.testCompatibility("customers-value", "1", withoutName).reasons())
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("version 1 cannot read data written with the new schema")
			.contains("READER_FIELD_MISSING_DEFAULT_VALUE");
		assertThat(this.registry.testCompatibility("customers-value", "1", Customer.SCHEMA$).compatible()).isTrue();
	}

	@Test
	void transitiveLevelChecksEveryVersionNotOnlyTheLatest() {
		this.registry.register("customers-value", Customer.SCHEMA$);
		this.registry.register("customers-value", CUSTOMER_V2);
		Schema emailWithoutDefault = new Schema.Parser().parse(CUSTOMER_V2.toString().replace(",\"default\":\"\"", ""));

		assertThat(this.registry.testCompatibility("customers-value", "latest", emailWithoutDefault).compatible())
			.isTrue();
		this.registry.updateCompatibility("customers-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
		assertThat(this.registry.testCompatibility("customers-value", "latest", emailWithoutDefault).reasons())
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("the new schema cannot read data written with version 1")
			.contains("READER_FIELD_MISSING_DEFAULT_VALUE");
	}

	@Test
	void serializersAndDeserializersOfOneScopeShareOneRegistry() {
		byte[] bytes = serializer().serialize("customers", new Customer("c-1", "Ada"));

		assertThat(MockSchemaRegistry.forScope(this.scope).getSchemaById(AvroWireFormat.schemaId(bytes)))
			.isEqualTo(Customer.SCHEMA$);
		MockSchemaRegistry.dropScope(this.scope);
		assertThatExceptionOfType(AvroDeserializationException.class)
			.isThrownBy(() -> deserializer().deserialize("customers", bytes))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo(AvroDeserializationException.Reason.UNKNOWN_SCHEMA_ID));
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
