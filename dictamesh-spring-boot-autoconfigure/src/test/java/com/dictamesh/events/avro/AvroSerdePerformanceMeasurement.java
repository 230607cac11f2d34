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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventMetadata;
import com.dictamesh.events.kafka.JsonEventSerializer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records per second of serialize + deserialize of a ~1 KB event, Avro (schemas cached
 * after the first record, registry over HTTP in the same JVM) against the starter's JSON
 * path ({@link JsonEventSerializer} plus the conversion of the payload to the handler's
 * type), in one process, alternating rounds after a warm-up, one thread. Not part of the
 * suite (tag {@code measurement}); run it with
 * {@code ./mvnw test -pl dictamesh-spring-boot-autoconfigure -Dtest=AvroSerdePerformanceMeasurement -Dsurefire.failIfNoSpecifiedTests=false -Dmeasurements.excluded=none}.
 */
@Tag("measurement")
class AvroSerdePerformanceMeasurement {

	private static final int RECORDS_PER_ROUND = 100_000;

	private static final int WARM_UP_ROUNDS = 3;

	private static final int ROUNDS = 7;

	private static final Schema PRODUCT = new Schema.Parser().parse("""
			{"type": "record", "name": "Product", "namespace": "com.example.catalogue",
			 "fields": [
			   {"name": "id", "type": "string"},
			   {"name": "name", "type": "string"},
			   {"name": "description", "type": "string"},
			   {"name": "price_cents", "type": "long"},
			   {"name": "tags", "type": {"type": "array", "items": "string"}},
			   {"name": "attributes", "type": {"type": "map", "values": "string"}}
			 ]}""");

	private static final Schema EVENT = new Schema.Parser().parse("""
			{"type": "record", "name": "ProductEvent", "namespace": "com.example.catalogue",
			 "fields": [
			   {"name": "event_id", "type": "string"},
			   {"name": "event_type", "type": "string"},
			   {"name": "event_version", "type": "string"},
			   {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-micros"}},
			   {"name": "source", "type": ["null", "string"], "default": null},
			   {"name": "entity_id", "type": ["null", "string"], "default": null},
			   {"name": "entity_type", "type": ["null", "string"], "default": null},
			   {"name": "data", "type": %s},
			   {"name": "correlation_id", "type": ["null", "string"], "default": null}
			 ]}""".formatted(PRODUCT.toString()));

	/**
	 * The payload as a handler declares it on the JSON path.
	 */
	record Product(String id, String name, String description, long priceCents, List<String> tags,
			Map<String, String> attributes) {

	}

	@Test
	void measure() throws Exception {
		Product product = product();
		Event event = Event.builder("product.updated")
			.entity("product", product.id())
			.source("catalogue")
			.data(product)
			.metadata(new EventMetadata("c-" + UUID.randomUUID(), null, null, null, Map.of()))
			.build();
		JsonEventSerializer json = new JsonEventSerializer(JsonMapper.builder().build());
		GenericRecord avroEvent = avroEvent(event, product);

		try (SchemaRegistryServer registry = new SchemaRegistryServer()) {
			Map<String, Object> config = SchemaRegistryServer.config(registry.url());
			KafkaAvroSerializer serializer = new KafkaAvroSerializer();
			serializer.configure(config, false);
			KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
			deserializer.configure(config, false);

			int jsonSize = json.serialize(event).length;
			int avroSize = serializer.serialize("products", avroEvent).length;
			assertThat(deserializer.deserialize("products", serializer.serialize("products", avroEvent)))
				.isEqualTo(avroEvent);
			assertThat(json.convertData(json.deserialize(json.serialize(event)).data(), Product.class))
				.isEqualTo(product);
			// The starter's serializers end to end: the envelope and its payload.
			AvroEventSerializer events = new AvroEventSerializer(AvroSerdeConfig.of(config).createRegistryClient(),
					config, JsonMapper.builder().build());
			Event avroPayloadEvent = event.toBuilder().data(avroEvent.get("data")).build();
			int eventsAvroSize = events.serialize("catalogue-events", avroPayloadEvent).length;
			int eventsJsonSize = events.serialize("catalogue-events", event).length;
			assertThat(events.convertData(
					events.deserialize("catalogue-events", events.serialize("catalogue-events", avroPayloadEvent))
						.data(),
					GenericRecord.class))
				.isEqualTo(avroEvent.get("data"));
			assertThat(events.convertData(
					events.deserialize("catalogue-events", events.serialize("catalogue-events", event)).data(),
					Product.class))
				.isEqualTo(product);
			int requests = registry.requests().size();

			List<Double> avroRates = new ArrayList<>();
			List<Double> jsonRates = new ArrayList<>();
			List<Double> jsonEnvelopeRates = new ArrayList<>();
			List<Double> eventsAvroRates = new ArrayList<>();
			List<Double> eventsJsonRates = new ArrayList<>();
			for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
				double avro = rate(
						() -> deserializer.deserialize("products", serializer.serialize("products", avroEvent)));
				double jsonRate = rate(
						() -> json.convertData(json.deserialize(json.serialize(event)).data(), Product.class));
				double jsonEnvelope = rate(() -> json.deserialize(json.serialize(event)));
				double eventsAvro = rate(() -> events.convertData(
						events.deserialize("catalogue-events", events.serialize("catalogue-events", avroPayloadEvent))
							.data(),
						GenericRecord.class));
				double eventsJson = rate(() -> events.convertData(
						events.deserialize("catalogue-events", events.serialize("catalogue-events", event)).data(),
						Product.class));
				if (round >= WARM_UP_ROUNDS) {
					eventsAvroRates.add(eventsAvro);
					eventsJsonRates.add(eventsJson);
					avroRates.add(avro);
					jsonRates.add(jsonRate);
					jsonEnvelopeRates.add(jsonEnvelope);
				}
			}
			assertThat(registry.requests()).as("no registry request after the first record").hasSize(requests);

			System.out.println();
			System.out
				.printf("Serialize + deserialize, one thread, %,d records per round, %d rounds after %d of warm-up, "
						+ "JDK %s%n", RECORDS_PER_ROUND, ROUNDS, WARM_UP_ROUNDS, Runtime.version());
			System.out.printf("Avro (GenericRecord, %d bytes, schemas cached): median %,.0f records/s (rounds: %s)%n",
					avroSize, median(avroRates), rounded(avroRates));
			System.out.printf(
					"JSON (JsonEventSerializer + payload to record, %d bytes): median %,.0f records/s (rounds: %s)%n",
					jsonSize, median(jsonRates), rounded(jsonRates));
			System.out.printf(
					"JSON without the payload conversion (data left a Map): median %,.0f records/s (rounds: %s)%n",
					median(jsonEnvelopeRates), rounded(jsonEnvelopeRates));
			System.out.printf("Avro / JSON: %.2f (%.2f against JSON without the conversion)%n",
					median(avroRates) / median(jsonRates), median(avroRates) / median(jsonEnvelopeRates));
			System.out.printf(
					"AvroEventSerializer, GenericRecord payload (%d bytes): median %,.0f records/s (rounds: %s)%n",
					eventsAvroSize, median(eventsAvroRates), rounded(eventsAvroRates));
			System.out.printf(
					"AvroEventSerializer, record payload as JSON (%d bytes): median %,.0f records/s (rounds: %s)%n",
					eventsJsonSize, median(eventsJsonRates), rounded(eventsJsonRates));
			System.out.printf(
					"AvroEventSerializer / JsonEventSerializer: %.2f (GenericRecord payload), "
							+ "%.2f (record payload as JSON)%n",
					median(eventsAvroRates) / median(jsonRates), median(eventsJsonRates) / median(jsonRates));
		}
	}

	private static double rate(Runnable roundTrip) {
		long started = System.nanoTime();
		for (int i = 0; i < RECORDS_PER_ROUND; i++) {
			roundTrip.run();
		}
		return RECORDS_PER_ROUND / ((System.nanoTime() - started) / 1e9);
	}

	private static double median(List<Double> rates) {
		double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[sorted.length / 2];
	}

	private static String rounded(List<Double> rates) {
		return Arrays.toString(rates.stream().mapToLong(Math::round).toArray());
	}

	private static Product product() {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (String key : List.of("colour", "size", "material", "origin", "warranty", "weight")) {
			attributes.put(key, key + "-value-" + key.length());
		}
		return new Product("product-42", "Ergonomic walnut desk with cable tray",
				"A standing desk in oiled walnut with an electric lift from 62 to 128 cm, a steel frame, "
						+ "a cable tray and four memory positions. Delivered flat-packed; assembly takes about "
						+ "forty minutes with the tools included. Suitable for home and office use, up to 120 kg "
						+ "of load. Replacement parts are available for ten years after purchase. "
						+ "The surface is sanded and oiled by hand and should be re-oiled once a year.",
				64_900, List.of("desk", "standing", "walnut", "office", "ergonomic", "furniture"), attributes);
	}

	private static GenericRecord avroEvent(Event event, Product product) {
		GenericRecord data = new GenericData.Record(PRODUCT);
		data.put("id", product.id());
		data.put("name", product.name());
		data.put("description", product.description());
		data.put("price_cents", product.priceCents());
		data.put("tags", product.tags());
		data.put("attributes", product.attributes());
		GenericRecord record = new GenericData.Record(EVENT);
		record.put("event_id", event.eventId());
		record.put("event_type", event.eventType());
		record.put("event_version", event.eventVersion());
		Instant timestamp = event.timestamp();
		record.put("timestamp", timestamp.getEpochSecond() * 1_000_000 + timestamp.getNano() / 1_000);
		record.put("source", event.source());
		record.put("entity_id", event.entityId());
		record.put("entity_type", event.entityType());
		record.put("data", data);
		record.put("correlation_id", event.metadata().correlationId());
		return record;
	}

}
