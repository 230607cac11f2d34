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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka {@link Serializer} writing Avro in the schema registry's wire format, byte for
 * byte what Confluent's {@code KafkaAvroSerializer} writes, configured with the same keys
 * (see {@link AvroSerdeConfig}); use it as {@code value.serializer} or
 * {@code key.serializer}. Writes {@code GenericRecord}s, {@code SpecificRecord}s, enums,
 * fixed values and the Avro primitives ({@code null} stays {@code null}).
 * <p>
 * The schema's id comes from registering it ({@code auto.register.schemas}, the default),
 * from the subject's latest version ({@code use.latest.version}; the value's schema must
 * then have the same parsing canonical form as that version, so the bytes match it), or
 * from looking it up. Ids are cached: after the first value of a schema, no request is
 * made.
 */
public class KafkaAvroSerializer implements Serializer<Object> {

	private static final Map<Class<?>, Schema> primitiveSchemas = Map.of(Boolean.class,
			Schema.create(Schema.Type.BOOLEAN), Integer.class, Schema.create(Schema.Type.INT), Long.class,
			Schema.create(Schema.Type.LONG), Float.class, Schema.create(Schema.Type.FLOAT), Double.class,
			Schema.create(Schema.Type.DOUBLE), byte[].class, Schema.create(Schema.Type.BYTES));

	private static final Schema STRING_SCHEMA = Schema.create(Schema.Type.STRING);

	private static final Schema BYTES_SCHEMA = Schema.create(Schema.Type.BYTES);

	private @Nullable SchemaRegistryClient registry;

	private SubjectNameStrategy subjectNameStrategy = new TopicNameStrategy();

	private boolean isKey;

	private boolean autoRegister = true;

	private boolean useLatestVersion;

	private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

	private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();

	private final Map<Schema, Long> fingerprints = new ConcurrentHashMap<>();

	/**
	 * Create a serializer to be configured by Kafka from the client's configuration.
	 */
	public KafkaAvroSerializer() {
	}

	/**
	 * Create a serializer with a registry client; {@code schema.registry.url} is then not
	 * needed.
	 * @param registry the registry client
	 */
	public KafkaAvroSerializer(SchemaRegistryClient registry) {
		this.registry = registry;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		AvroSerdeConfig config = AvroSerdeConfig.of(configs);
		if (this.registry == null) {
			this.registry = config.createRegistryClient();
		}
		this.isKey = isKey;
		this.subjectNameStrategy = config.subjectNameStrategy(isKey);
		this.autoRegister = config.autoRegisterSchemas();
		this.useLatestVersion = config.useLatestVersion();
	}

	@Override
	public byte @Nullable [] serialize(String topic, @Nullable Object data) {
		if (data == null) {
			return null;
		}
		Schema schema = schemaOf(topic, data);
		int id = schemaId(topic, schema);
		DatumWriter<Object> writer = writer(schema, data instanceof SpecificRecord);
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.writeBytes(AvroWireFormat.header(id));
		try {
			BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
			writer.write((data instanceof byte[] bytes) ? ByteBuffer.wrap(bytes) : data, encoder);
			encoder.flush();
		}
		catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException ex) {
			throw new AvroSerializationException(topic, "Could not write a " + data.getClass().getName()
					+ " as Avro schema " + schema.getFullName() + " for topic '" + topic + "': " + ex.getMessage(), ex);
		}
		return out.toByteArray();
	}

	private Schema schemaOf(String topic, Object data) {
		if (data instanceof GenericContainer container) {
			return container.getSchema();
		}
		if (data instanceof CharSequence) {
			return STRING_SCHEMA;
		}
		if (data instanceof ByteBuffer) {
			return BYTES_SCHEMA;
		}
		Schema schema = primitiveSchemas.get(data.getClass());
		if (schema == null) {
			throw new AvroSerializationException(topic, "Cannot write a " + data.getClass().getName()
					+ " as Avro for topic '" + topic
					+ "': expected a GenericRecord, a SpecificRecord, an enum or fixed value, or an Avro primitive",
					null);
		}
		return schema;
	}

	private int schemaId(String topic, Schema schema) {
		SchemaRegistryClient registry = registry();
		String subject = this.subjectNameStrategy.subjectName(topic, this.isKey, schema);
		try {
			if (this.autoRegister) {
				return registry.register(subject, schema);
			}
			if (this.useLatestVersion) {
				RegisteredSchema latest = registry.getLatestSchema(subject);
				if (fingerprint(latest.schema()) != fingerprint(schema)) {
					throw new AvroSerializationException(topic,
							"Schema " + schema.getFullName() + " differs from the latest version (" + latest.version()
									+ ", id " + latest.id() + ") of subject '" + subject
									+ "', which use.latest.version requires it to match",
							null);
				}
				return latest.id();
			}
			return registry.getId(subject, schema);
		}
		catch (SchemaRegistryException ex) {
			String action = this.autoRegister ? "register" : (this.useLatestVersion ? "find the latest version of"
					: "find the id of schema " + schema.getFullName() + " under");
			throw new AvroSerializationException(topic,
					"Could not " + action + " subject '" + subject + "' for topic '" + topic + "': " + ex.getMessage(),
					ex);
		}
	}

	private long fingerprint(Schema schema) {
		return this.fingerprints.computeIfAbsent(schema, SchemaNormalization::parsingFingerprint64);
	}

	private DatumWriter<Object> writer(Schema schema, boolean specific) {
		if (specific) {
			return this.specificWriters.computeIfAbsent(schema, (key) -> new SpecificDatumWriter<>(key));
		}
		return this.genericWriters.computeIfAbsent(schema, (key) -> new GenericDatumWriter<>(key, GenericData.get()));
	}

	private SchemaRegistryClient registry() {
		if (this.registry == null) {
			throw new IllegalStateException("KafkaAvroSerializer is not configured: call configure first");
		}
		return this.registry;
	}

}
