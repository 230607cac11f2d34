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

import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registry client, serializer and deserializer against a real registry process:
 * Apicurio Registry 2.6.13 through its Confluent-compatible API. Its compatibility level
 * defaults to NONE, so each test's subject is set to BACKWARD first. (Its basic
 * authentication exchanges the credentials with an OpenID Connect server, which is not
 * available here; basic auth is tested against the in-test registry.)
 */
class ApicurioRegistryIntegrationTests {

	private static final ApicurioRegistry apicurio = new ApicurioRegistry();

	private final String topic = "customers-" + UUID.randomUUID();

	private final String subject = this.topic + "-value";

	private SchemaRegistryClient client;

	@BeforeAll
	static void startRegistry() throws Exception {
		apicurio.start();
		System.out.println("Apicurio Registry answered " + apicurio.startTime().toMillis() + " ms after start");
	}

	@AfterAll
	static void stopRegistry() throws Exception {
		apicurio.close();
	}

	@BeforeEach
	void backwardCompatibility() {
		this.client = AvroSerdeConfig.of(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, apicurio.confluentApiUrl()))
			.createRegistryClient();
		this.client.updateCompatibility(this.subject, CompatibilityLevel.BACKWARD);
	}

	@Test
	void registersAndFetchesById() {
		int id = this.client.register(this.subject, Customer.SCHEMA$);
		SchemaRegistryClient uncached = new HttpSchemaRegistryClient(
				HttpSchemaRegistryClient.Settings.of(apicurio.confluentApiUrl()));

		assertThat(uncached.getSchemaById(id)).isEqualTo(Customer.SCHEMA$);
		assertThat(uncached.register(this.subject, Customer.SCHEMA$)).isEqualTo(id);
		assertThat(uncached.getId(this.subject, Customer.SCHEMA$)).isEqualTo(id);
		assertThat(uncached.getLatestSchema(this.subject))
			.isEqualTo(new RegisteredSchema(this.subject, id, 1, Customer.SCHEMA$));
	}

	@Test
	void refusesAnIncompatibleVersionWithTheRegistrysReason() {
		this.client.register(this.subject, Customer.SCHEMA$);
		this.client.register(this.subject, SchemaEvolutionTests.CUSTOMER_V2);

		CompatibilityCheck check = this.client.testCompatibility(this.subject, "latest",
				SchemaEvolutionTests.CUSTOMER_V3);

		assertThat(check.compatible()).isFalse();
		assertThatExceptionOfType(IncompatibleSchemaException.class).isThrownBy(check::requireCompatible)
			.withMessageStartingWith("Schema is not compatible with subject '" + this.subject + "' version latest: ")
			.withMessageContaining("phone");
		assertThat(this.client.testCompatibility(this.subject, "1", SchemaEvolutionTests.CUSTOMER_V2).compatible())
			.isTrue();
		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> this.client.register(this.subject, SchemaEvolutionTests.CUSTOMER_V3))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
				assertThat(ex.getRegistryMessage()).contains("Incompatible");
			});
	}

	@Test
	void serializesAndDeserializesThroughTheRegistryAsTheSchemaEvolves() {
		Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, apicurio.confluentApiUrl());
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		KafkaAvroDeserializer specific = new KafkaAvroDeserializer();
		specific.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, apicurio.confluentApiUrl(),
				AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
		KafkaAvroDeserializer generic = new KafkaAvroDeserializer();
		generic.configure(config, false);
		GenericRecord v2 = new GenericData.Record(SchemaEvolutionTests.CUSTOMER_V2);
		v2.put("id", "c-2");
		v2.put("name", "Grace");
		v2.put("email", "grace@example.com");

		byte[] v1Bytes = serializer.serialize(this.topic, new Customer("c-1", "Ada"));
		byte[] v2Bytes = serializer.serialize(this.topic, v2);

		assertThat(HexFormat.of().formatHex(v1Bytes, 0, 5)).isEqualTo(
				HexFormat.of().formatHex(AvroWireFormat.header(this.client.getId(this.subject, Customer.SCHEMA$))));
		assertThat(((Customer) specific.deserialize(this.topic, v1Bytes)).getName()).isEqualTo("Ada");
		assertThat(((Customer) specific.deserialize(this.topic, v2Bytes)).getName()).isEqualTo("Grace");
		assertThat(generic.deserialize(this.topic, v2Bytes)).isEqualTo(v2);
		assertThat(this.client.getLatestSchema(this.subject).version()).isEqualTo(2);
	}

	@Test
	void unknownSchemaIdIsReportedAsSuch() {
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, apicurio.confluentApiUrl()), false);

		assertThatExceptionOfType(AvroDeserializationException.class)
			.isThrownBy(() -> deserializer.deserialize(this.topic, AvroWireFormat.header(987_654)))
			.satisfies((ex) -> assertThat(ex.getReason())
				.isEqualTo(AvroDeserializationException.Reason.UNKNOWN_SCHEMA_ID));
	}

}
