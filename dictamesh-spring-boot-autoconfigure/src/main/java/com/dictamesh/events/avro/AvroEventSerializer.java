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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventMetadata;
import com.dictamesh.events.kafka.EventDeserializationException;
import com.dictamesh.events.kafka.EventSerializer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events as Avro in the schema registry's wire format, with the envelope schema
 * {@link #ENVELOPE_SCHEMA} (seed 000's event schema) registered under the subject the
 * value subject name strategy gives for the topic ({@code <topic>-value} by default).
 * <p>
 * The payload is written by what it is: an Avro value (a {@code GenericRecord}, a
 * generated {@code SpecificRecord}, an enum or fixed value) as the {@code bytes} branch
 * of the {@code data} union, holding its own wire-format bytes whose schema is registered
 * under the record's full name ({@link RecordNameStrategy}); anything else as JSON text
 * in the {@code string} branch, as the JSON format would write it. A received Avro
 * payload is a {@code GenericRecord} (a {@code SpecificRecord} with
 * {@code specific.avro.reader}); {@link #convertData} gives a handler the generated class
 * it declares, reading the writer's data with that class's schema, or a JSON-mapped
 * object. {@code previous_data} is always JSON text.
 * <p>
 * Bytes that cannot be read throw an {@link EventDeserializationException} naming the
 * {@link AvroDeserializationException.Reason}, which dead-letters the record, except when
 * the registry could not be asked ({@code REGISTRY_FAILURE}): that
 * {@link AvroDeserializationException} is thrown as it is, so that the record is retried.
 */
public class AvroEventSerializer implements EventSerializer {

	/**
	 * The envelope schema, {@code com.dictamesh.events.v1.Event}.
	 */
	public static final Schema ENVELOPE_SCHEMA = loadEnvelopeSchema();

	private static final String UNKNOWN_TOPIC = "(unknown topic)";

	private final KafkaAvroSerializer envelopeWriter;

	private final KafkaAvroDeserializer envelopeReader;

	private final KafkaAvroSerializer dataWriter;

	private final KafkaAvroDeserializer dataReader;

	private final JsonMapper jsonMapper;

	private final SpecificData specificData;

	/**
	 * Create a serializer.
	 * @param registry the schema registry
	 * @param configs the serializer settings, with Confluent's keys (see
	 * {@link AvroSerdeConfig}); {@code schema.registry.url} is not needed
	 * @param jsonMapper the mapper of payloads that are not Avro values
	 */
	public AvroEventSerializer(SchemaRegistryClient registry, Map<String, ?> configs, JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		this.envelopeWriter = new KafkaAvroSerializer(registry);
		this.envelopeWriter.configure(configs, false);
		Map<String, Object> envelopeReading = new HashMap<>(configs);
		envelopeReading.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
		this.envelopeReader = new KafkaAvroDeserializer(registry);
		this.envelopeReader.configure(envelopeReading, false);
		Map<String, Object> dataConfigs = new HashMap<>(configs);
		dataConfigs.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, new RecordNameStrategy());
		this.dataWriter = new KafkaAvroSerializer(registry);
		this.dataWriter.configure(dataConfigs, false);
		this.dataReader = new KafkaAvroDeserializer(registry);
		this.dataReader.configure(dataConfigs, false);
		ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
		this.specificData = (classLoader != null) ? new SpecificData(classLoader) : SpecificData.get();
	}

	private static Schema loadEnvelopeSchema() {
		try (InputStream in = AvroEventSerializer.class.getResourceAsStream("Event.avsc")) {
			if (in == null) {
				throw new IllegalStateException("Event.avsc is missing next to " + AvroEventSerializer.class);
			}
			return new Schema.Parser().parse(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Not supported: the subject of the envelope depends on the topic.
	 * @param event the event
	 * @return never
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public byte[] serialize(Event event) {
		throw new UnsupportedOperationException("An Avro event is written for a topic: call serialize(topic, event)");
	}

	@Override
	public byte[] serialize(String topic, Event event) {
		GenericData.Record metadata = new GenericData.Record(ENVELOPE_SCHEMA.getField("metadata").schema());
		metadata.put("correlation_id", event.metadata().correlationId());
		metadata.put("causation_id", event.metadata().causationId());
		metadata.put("user_id", event.metadata().userId());
		metadata.put("session_id", event.metadata().sessionId());
		metadata.put("tags", event.metadata().tags());
		GenericData.Record envelope = new GenericData.Record(ENVELOPE_SCHEMA);
		envelope.put("event_id", event.eventId());
		envelope.put("event_type", event.eventType());
		envelope.put("event_version", event.eventVersion());
		envelope.put("timestamp", event.timestamp().toEpochMilli());
		envelope.put("source", event.source());
		envelope.put("source_entity_id", event.sourceEntityId());
		envelope.put("entity_id", event.entityId());
		envelope.put("entity_type", event.entityType());
		envelope.put("domain", event.domain());
		envelope.put("schema_version", event.schemaVersion());
		envelope.put("data", writeData(topic, event.data()));
		envelope.put("changed_fields", event.changedFields());
		envelope.put("previous_data",
				(event.previousData() != null) ? this.jsonMapper.writeValueAsString(event.previousData()) : null);
		envelope.put("metadata", metadata);
		envelope.put("trace_id", event.traceId());
		envelope.put("span_id", event.spanId());
		envelope.put("relationship_id", event.relationshipId());
		envelope.put("relationship_type", event.relationshipType());
		envelope.put("subject_id", event.subjectId());
		envelope.put("subject_type", event.subjectType());
		envelope.put("object_id", event.objectId());
		envelope.put("object_type", event.objectType());
		return this.envelopeWriter.serialize(topic, envelope);
	}

	private @Nullable Object writeData(String topic, @Nullable Object data) {
		if (data == null) {
			return null;
		}
		if (data instanceof GenericContainer) {
			return ByteBuffer.wrap(this.dataWriter.serialize(topic, data));
		}
		return this.jsonMapper.writeValueAsString(data);
	}

	@Override
	public Event deserialize(byte[] bytes) {
		return deserialize(UNKNOWN_TOPIC, bytes);
	}

	@Override
	public Event deserialize(String topic, byte[] bytes) {
		try {
			Object value = this.envelopeReader.deserialize(topic, bytes);
			if (!(value instanceof GenericRecord envelope)) {
				throw new EventDeserializationException(
						"Record value on topic '" + topic + "' is an Avro value but not an event envelope record: "
								+ ((value != null) ? value.getClass().getName() : null),
						null);
			}
			return toEvent(topic, envelope);
		}
		catch (AvroDeserializationException ex) {
			throw whenUnreadable(ex);
		}
		catch (AvroRuntimeException | JacksonException | IllegalArgumentException | ClassCastException ex) {
			throw new EventDeserializationException(
					"Record value on topic '" + topic + "' is not a DictaMesh event: " + ex.getMessage(), ex);
		}
	}

	private static RuntimeException whenUnreadable(AvroDeserializationException ex) {
		if (ex.getReason() == AvroDeserializationException.Reason.REGISTRY_FAILURE) {
			return ex;
		}
		return new EventDeserializationException(ex.getReason() + ": " + ex.getMessage(), ex);
	}

	private Event toEvent(String topic, GenericRecord envelope) {
		GenericRecord metadata = (GenericRecord) field(envelope, "metadata");
		Map<String, String> tags = new LinkedHashMap<>();
		if (metadata != null && field(metadata, "tags") instanceof Map<?, ?> map) {
			map.forEach((key, value) -> tags.put(String.valueOf(key), String.valueOf(value)));
		}
		List<String> changedFields = null;
		if (field(envelope, "changed_fields") instanceof List<?> list) {
			changedFields = new ArrayList<>(list.size());
			for (Object item : list) {
				changedFields.add(String.valueOf(item));
			}
		}
		String previousData = text(envelope, "previous_data");
		Object timestamp = field(envelope, "timestamp");
		return new Event(text(envelope, "event_id"), text(envelope, "event_type"), text(envelope, "event_version"),
				(timestamp instanceof Long millis) ? Instant.ofEpochMilli(millis) : null, text(envelope, "source"),
				text(envelope, "source_entity_id"), text(envelope, "entity_id"), text(envelope, "entity_type"),
				text(envelope, "domain"), text(envelope, "schema_version"), readData(topic, field(envelope, "data")),
				changedFields, (previousData != null) ? this.jsonMapper.readValue(previousData, Object.class) : null,
				(metadata != null) ? new EventMetadata(text(metadata, "correlation_id"), text(metadata, "causation_id"),
						text(metadata, "user_id"), text(metadata, "session_id"), tags) : EventMetadata.EMPTY,
				text(envelope, "trace_id"), text(envelope, "span_id"), text(envelope, "relationship_id"),
				text(envelope, "relationship_type"), text(envelope, "subject_id"), text(envelope, "subject_type"),
				text(envelope, "object_id"), text(envelope, "object_type"));
	}

	private @Nullable Object readData(String topic, @Nullable Object data) {
		if (data instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return this.dataReader.deserialize(topic, bytes);
		}
		if (data instanceof CharSequence json) {
			return this.jsonMapper.readValue(json.toString(), Object.class);
		}
		return null;
	}

	// A writer's envelope may lack fields that later versions add: they read as absent.
	private static @Nullable Object field(GenericRecord record, String name) {
		return (record.getSchema().getField(name) != null) ? record.get(name) : null;
	}

	private static @Nullable String text(GenericRecord record, String name) {
		Object value = field(record, name);
		return (value != null) ? value.toString() : null;
	}

	@Override
	public Object convertData(Object data, Type type) {
		JavaType javaType = this.jsonMapper.constructType(type);
		Class<?> target = javaType.getRawClass();
		if (target.isInstance(data)) {
			return data;
		}
		try {
			if (data instanceof GenericRecord record && SpecificRecord.class.isAssignableFrom(target)) {
				return toSpecific(record, target);
			}
			if (data instanceof GenericContainer container) {
				return this.jsonMapper.readValue(GenericData.get().toString(container), javaType);
			}
			return this.jsonMapper.convertValue(data, javaType);
		}
		catch (JacksonException | IllegalArgumentException | AvroRuntimeException | IOException ex) {
			throw new EventDeserializationException(
					"Event data does not fit " + javaType.toCanonical() + ": " + ex.getMessage(), ex);
		}
	}

	// Read the writer's data with the generated class's schema, so that the class may be
	// an older or newer version of the record than the one written.
	private Object toSpecific(GenericRecord record, Class<?> target) throws IOException {
		Schema readerSchema = this.specificData.getSchema(target);
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
		new GenericDatumWriter<Object>(record.getSchema(), GenericData.get()).write(record, encoder);
		encoder.flush();
		SpecificDatumReader<Object> reader = new SpecificDatumReader<>(record.getSchema(), readerSchema,
				this.specificData);
		return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
	}

	@Override
	public String contentType() {
		return "application/vnd.dictamesh.event+avro";
	}

}
