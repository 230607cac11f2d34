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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The golden bytes of ARCHITECTURE.md, "Avro with a schema registry": what Confluent's
 * serializer writes for the same records and ids.
 */
class AvroWireFormatTests {

	private static final HexFormat hex = HexFormat.ofDelimiter(" ");

	private static final Schema HEARTBEAT = new Schema.Parser()
		.parse("{\"type\":\"record\",\"name\":\"Heartbeat\",\"fields\":[{\"name\":\"beat\",\"type\":\"long\"}]}");

	private static final Schema NAME = new Schema.Parser()
		.parse("{\"type\":\"record\",\"name\":\"Name\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}");

	private final String scope = "golden-" + UUID.randomUUID();

	private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(this.scope);

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void heartbeatWithSchemaIdOneIsWrittenAsTheGoldenBytes() {
		this.registry.register("heartbeats-value", HEARTBEAT, 1);
		GenericRecord heartbeat = new GenericData.Record(HEARTBEAT);
		heartbeat.put("beat", 3L);

		assertThat(hex.formatHex(serializer().serialize("heartbeats", heartbeat))).isEqualTo("00 00 00 00 01 06");
	}

	@Test
	void nameWithSchemaIdFourIsWrittenAsTheGoldenBytes() {
		this.registry.register("names-value", NAME, 4);
		GenericRecord name = new GenericData.Record(NAME);
		name.put("name", "Some name");

		assertThat(hex.formatHex(serializer().serialize("names", name)))
			.isEqualTo("00 00 00 00 04 12 53 6f 6d 65 20 6e 61 6d 65");
	}

	@Test
	void goldenHeartbeatBytesReadAsHeartbeatThree() {
		this.registry.register("heartbeats-value", HEARTBEAT, 1);

		Object heartbeat = deserializer().deserialize("heartbeats", hex.parseHex("00 00 00 00 01 06"));

		assertThat(heartbeat).isInstanceOf(GenericRecord.class);
		assertThat(((GenericRecord) heartbeat).getSchema()).isEqualTo(HEARTBEAT);
		assertThat(((GenericRecord) heartbeat).get("beat")).isEqualTo(3L);
	}

	@Test
	void goldenNameBytesReadAsSomeName() {
		this.registry.register("names-value", NAME, 4);

		Object name = deserializer().deserialize("names", hex.parseHex("00 00 00 00 04 12 53 6f 6d 65 20 6e 61 6d 65"));

		assertThat(((GenericRecord) name).getSchema()).isEqualTo(NAME);
		assertThat(((GenericRecord) name).get("name")).hasToString("Some name");
	}

	@Test
	void schemaIdIsBigEndianAfterTheMagicByte() {
		assertThat(hex.formatHex(AvroWireFormat.header(0x01020304))).isEqualTo("00 01 02 03 04");
		assertThat(AvroWireFormat.schemaId(hex.parseHex("00 7f ff ff fe 06"))).isEqualTo(Integer.MAX_VALUE - 1);
		assertThat(AvroWireFormat.schemaId(hex.parseHex("00 00 00 01 00"))).isEqualTo(256);
	}

	@Test
	void bytesWithoutTheMagicByteOrTooShortAreNotTheWireFormat() {
		assertThat(AvroWireFormat.problem(hex.parseHex("7b 22 61 22 7d"))).contains("byte 0 is 0x7b");
		assertThat(AvroWireFormat.problem(hex.parseHex("00 00 01"))).contains("3 bytes long");
		assertThat(AvroWireFormat.problem(new byte[0])).contains("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> AvroWireFormat.schemaId(hex.parseHex("01 00 00 00 01")))
			.withMessageContaining("not the magic byte");
	}

	private KafkaAvroSerializer serializer() {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + this.scope), false);
		return serializer;
	}

	private KafkaAvroDeserializer deserializer() {
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + this.scope), false);
		return deserializer;
	}

}
