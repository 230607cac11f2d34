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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka {@link Deserializer} reading the schema registry's Avro wire format, as written
 * by {@link KafkaAvroSerializer} or Confluent's serializer, configured with the same keys
 * (see {@link AvroSerdeConfig}); use it as {@code value.deserializer} or
 * {@code key.deserializer}.
 * <p>
 * The writer's schema is fetched by the id in the bytes (once per id), and the value is
 * read with the reader schema: the generated class's schema with
 * {@code specific.avro.reader=true} (returning {@code SpecificRecord}s), the subject's
 * latest version with {@code use.latest.version=true}, otherwise the writer's schema
 * (returning {@code GenericRecord}s). Strings are returned as {@link String}, bytes as
 * {@code byte[]} when the whole value is one. Bytes without the magic byte, an unknown
 * id, a reader schema that cannot read the writer's, or bytes that do not decode throw an
 * {@link AvroDeserializationException} saying which.
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {

	private @Nullable SchemaRegistryClient registry;

	private SubjectNameStrategy subjectNameStrategy = new TopicNameStrategy();

	private boolean isKey;

	private boolean specificReader;

	private boolean useLatestVersion;

	private SpecificData specificData = SpecificData.get();

	private final Map<ReaderKey, Reading> readings = new ConcurrentHashMap<>();

	/**
	 * Create a deserializer to be configured by Kafka from the client's configuration.
	 */
	public KafkaAvroDeserializer() {
	}

	/**
	 * Create a deserializer with a registry client; {@code schema.registry.url} is then
	 * not needed.
	 * @param registry the registry client
	 */
	public KafkaAvroDeserializer(SchemaRegistryClient registry) {
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
		this.specificReader = config.specificAvroReader();
		this.useLatestVersion = config.useLatestVersion();
		ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
		this.specificData = (classLoader != null) ? new SpecificData(classLoader) : SpecificData.get();
	}

	@Override
	public @Nullable Object deserialize(String topic, byte @Nullable [] data) {
		if (data == null) {
			return null;
		}
		String problem = AvroWireFormat.problem(data);
		if (problem != null) {
			throw new AvroDeserializationException(AvroDeserializationException.Reason.NOT_WIRE_FORMAT, topic, null,
					"Record " + part() + " on topic '" + topic + "' is not in the schema registry's Avro wire format: "
							+ problem,
					null);
		}
		int id = AvroWireFormat.schemaId(data);
		Schema writerSchema = writerSchema(topic, id);
		Schema readerSchema = readerSchema(topic, id, writerSchema);
		Reading reading = this.readings.computeIfAbsent(new ReaderKey(id, readerSchema),
				(key) -> reading(writerSchema, readerSchema));
		if (reading.incompatibility != null) {
			throw new AvroDeserializationException(AvroDeserializationException.Reason.INCOMPATIBLE_READER_SCHEMA,
					topic, id,
					"Record " + part() + " on topic '" + topic + "' was written with schema id " + id + " ("
							+ writerSchema.getFullName() + "), which the reader schema " + readerSchema.getFullName()
							+ " cannot read: " + reading.incompatibility,
					null);
		}
		Object value;
		try {
			BinaryDecoder decoder = DecoderFactory.get()
				.binaryDecoder(data, AvroWireFormat.HEADER_LENGTH, data.length - AvroWireFormat.HEADER_LENGTH, null);
			value = reading.reader().read(null, decoder);
		}
		catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException
				| NegativeArraySizeException ex) {
			throw new AvroDeserializationException(AvroDeserializationException.Reason.MALFORMED_DATA, topic, id,
					"Record " + part() + " on topic '" + topic + "' does not decode with schema id " + id + " ("
							+ writerSchema.getFullName() + "): " + ex,
					ex);
		}
		if (value instanceof ByteBuffer buffer && writerSchema.getType() == Schema.Type.BYTES) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}
		if (value instanceof CharSequence text && writerSchema.getType() == Schema.Type.STRING) {
			return text.toString();
		}
		return value;
	}

	private Schema writerSchema(String topic, int id) {
		try {
			return registry().getSchemaById(id);
		}
		catch (SchemaRegistryException ex) {
			if (ex.getErrorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND || ex.isNotFound()) {
				throw new AvroDeserializationException(AvroDeserializationException.Reason.UNKNOWN_SCHEMA_ID, topic, id,
						"Record " + part() + " on topic '" + topic + "' names schema id " + id
								+ ", which the schema registry does not know (error code " + ex.getErrorCode() + ": "
								+ ex.getRegistryMessage() + ")",
						ex);
			}
			throw new AvroDeserializationException(AvroDeserializationException.Reason.REGISTRY_FAILURE, topic, id,
					"Could not fetch schema id " + id + " for a record " + part() + " on topic '" + topic + "': "
							+ ex.getMessage(),
					ex);
		}
	}

	private Schema readerSchema(String topic, int id, Schema writerSchema) {
		if (this.specificReader && isNamed(writerSchema)) {
			Class<?> type = this.specificData.getClass(writerSchema);
			if (type == null || type == Object.class) {
				throw new AvroDeserializationException(AvroDeserializationException.Reason.NO_READER_CLASS, topic, id,
						"specific.avro.reader is set but no class is named " + writerSchema.getFullName()
								+ ", the name in schema id " + id + " of a record " + part() + " on topic '" + topic
								+ "'",
						null);
			}
			return this.specificData.getSchema(type);
		}
		if (this.useLatestVersion) {
			String subject = this.subjectNameStrategy.subjectName(topic, this.isKey, writerSchema);
			try {
				return registry().getLatestSchema(subject).schema();
			}
			catch (SchemaRegistryException ex) {
				throw new AvroDeserializationException(AvroDeserializationException.Reason.REGISTRY_FAILURE, topic, id,
						"Could not fetch the latest version of subject '" + subject + "' to read a record " + part()
								+ " on topic '" + topic + "': " + ex.getMessage(),
						ex);
			}
		}
		return writerSchema;
	}

	private static boolean isNamed(Schema schema) {
		return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
				|| schema.getType() == Schema.Type.FIXED;
	}

	private Reading reading(Schema writerSchema, Schema readerSchema) {
		if (writerSchema != readerSchema && !writerSchema.equals(readerSchema)) {
			SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema,
					writerSchema);
			if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
				String reasons = compatibility.getResult()
					.getIncompatibilities()
					.stream()
					.map((incompatibility) -> incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
							+ incompatibility.getMessage() + ")")
					.reduce((first, second) -> first + "; " + second)
					.orElse(compatibility.getDescription());
				return new Reading(null, reasons);
			}
		}
		DatumReader<Object> reader = this.specificReader
				? new SpecificDatumReader<>(writerSchema, readerSchema, this.specificData)
				: new GenericDatumReader<>(writerSchema, readerSchema, GenericData.get());
		return new Reading(reader, null);
	}

	private String part() {
		return this.isKey ? "key" : "value";
	}

	private SchemaRegistryClient registry() {
		if (this.registry == null) {
			throw new IllegalStateException("KafkaAvroDeserializer is not configured: call configure first");
		}
		return this.registry;
	}

	private record ReaderKey(int id, Schema readerSchema) {

	}

	/**
	 * How values of a writer schema are read with a reader schema: a reader, or why the
	 * reader schema cannot read them (kept so that the check is made once).
	 */
	private record Reading(@Nullable DatumReader<Object> reader, @Nullable String incompatibility) {

	}

}
