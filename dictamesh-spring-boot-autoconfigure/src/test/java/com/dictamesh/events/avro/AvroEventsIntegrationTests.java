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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.kafka.EventDeserializationException;
import com.dictamesh.events.kafka.EventHeaders;
import com.dictamesh.events.testsupport.DeadLetterReader;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Avro events end to end on a real in-JVM KRaft broker with an in-memory registry.
 */
@SpringBootTest(classes = AvroEventsIntegrationTests.TestApplication.class,
		properties = { "spring.application.name=avro-indexer", "dictamesh.events.retry.initial-interval=50ms",
				"dictamesh.events.retry.max-interval=200ms",
				// tag::properties[]
				"dictamesh.events.serialization.format=avro",
				"dictamesh.events.avro.registry-url=mock://avro-events-it",
		// end::properties[]
		})
@EmbeddedKafka
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvroEventsIntegrationTests {

	private static final String ENTITY_TOPIC = "dictamesh.entity.changed";

	private static final String DEAD_LETTER_TOPIC = "dictamesh.dead-letter";

	static final Schema NOTE = new Schema.Parser().parse("""
			{"type": "record", "name": "Note", "namespace": "com.dictamesh.test",
			 "fields": [{"name": "text", "type": "string"}]}""");

	@Autowired
	private EventPublisher publisher;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private Handlers handlers;

	private DeadLetterReader deadLetters;

	@BeforeAll
	void consumeDeadLetters() {
		this.deadLetters = new DeadLetterReader(this.broker.getBrokersAsString(), "avro-dead-letter-reader",
				DEAD_LETTER_TOPIC);
	}

	@AfterAll
	void closeDeadLetters() {
		this.deadLetters.close();
		MockSchemaRegistry.dropScope("avro-events-it");
	}

	@Test
	void specificRecordPayloadReachesTheHandlerAsItsGeneratedClass() throws Exception {
		String id = UUID.randomUUID().toString();
		// tag::publish[]
		this.publisher.entityCreated("customer", id, new Customer(id, "Ada Lovelace")).get(30, TimeUnit.SECONDS);
		// end::publish[]

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.customers.containsKey(id));
		assertThat(this.handlers.customers.get(id).getName()).isEqualTo("Ada Lovelace");
		MockSchemaRegistry registry = MockSchemaRegistry.forScope("avro-events-it");
		assertThat(registry.getLatestSchema(ENTITY_TOPIC + "-value").schema())
			.isEqualTo(AvroEventSerializer.ENVELOPE_SCHEMA);
		assertThat(registry.getLatestSchema(Customer.class.getName()).schema()).isEqualTo(Customer.SCHEMA$);
	}

	@Test
	void genericRecordPayloadReachesTheHandlerAsAGenericRecord() throws Exception {
		String id = UUID.randomUUID().toString();
		GenericRecord note = new GenericData.Record(NOTE);
		note.put("text", "Avro all the way");
		this.publisher.entityCreated("note", id, note).get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.notes.containsKey(id));
		GenericRecord received = this.handlers.notes.get(id);
		assertThat(received.getSchema()).isEqualTo(NOTE);
		assertThat(received.get("text")).hasToString("Avro all the way");
	}

	@Test
	void pojoPayloadTravelsAsJsonInsideTheAvroEnvelope() throws Exception {
		String id = UUID.randomUUID().toString();
		Event sent = Event.entityCreated("product", id, new Product("Desk lamp", 4990))
			.correlationId("flow-1")
			.changedFields(List.of("name"))
			.build();
		this.publisher.publish(sent).get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.products.containsKey(id));
		assertThat(this.handlers.products.get(id)).isEqualTo(new Product("Desk lamp", 4990));
		Event received = this.handlers.productEvents.get(id);
		assertThat(received.eventId()).isEqualTo(sent.eventId());
		assertThat(received.source()).isEqualTo("avro-indexer");
		assertThat(received.metadata().correlationId()).isEqualTo("flow-1");
		assertThat(received.changedFields()).containsExactly("name");
		assertThat(received.timestamp()).isEqualTo(sent.timestamp().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
	}

	@Test
	void unreadableRecordsGoToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() throws Exception {
		String id = UUID.randomUUID().toString();
		String key = "product:" + id;
		byte[] notWireFormat = { 0x42, 0x13, 0x37, 0x00, 0x01, 0x02 };
		byte[] unknownSchemaId = { 0x00, 0x00, 0x00, 0x7f, 0x7f, 0x02, 0x41 };
		try (KafkaProducer<byte[], byte[]> raw = rawProducer()) {
			raw.send(new ProducerRecord<>(ENTITY_TOPIC, key.getBytes(StandardCharsets.UTF_8), notWireFormat))
				.get(30, TimeUnit.SECONDS);
			raw.send(new ProducerRecord<>(ENTITY_TOPIC, key.getBytes(StandardCharsets.UTF_8), unknownSchemaId))
				.get(30, TimeUnit.SECONDS);
		}
		this.publisher.entityCreated("product", id, new Product("After garbage", 1)).get(30, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handlers.products.containsKey(id));
		List<ConsumerRecord<byte[], byte[]>> dead = deadLettersWithKey(key, 2);
		assertThat(dead).hasSize(2);
		assertThat(dead).allSatisfy((record) -> {
			assertThat(EventHeaders.lastValue(record.headers(), KafkaHeaders.DLT_EXCEPTION_FQCN))
				.isEqualTo(EventDeserializationException.class.getName());
			assertThat(EventHeaders.lastValue(record.headers(), EventHeaders.DLT_ATTEMPTS)).isEqualTo("1");
		});
		assertThat(dead.get(0).value()).containsExactly(notWireFormat);
		assertThat(EventHeaders.lastValue(dead.get(0).headers(), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
			.contains("NOT_WIRE_FORMAT");
		assertThat(dead.get(1).value()).containsExactly(unknownSchemaId);
		assertThat(EventHeaders.lastValue(dead.get(1).headers(), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
			.contains("UNKNOWN_SCHEMA_ID")
			.contains("schema id " + 0x7f7f);
	}

	private KafkaProducer<byte[], byte[]> rawProducer() {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString());
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	private List<ConsumerRecord<byte[], byte[]>> deadLettersWithKey(String key, int expected) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> this.deadLetters.withKey(key), (dead) -> dead.size() >= expected);
	}

	record Product(String name, int priceCents) {
	}

	static class Handlers {

		final Map<String, Customer> customers = new ConcurrentHashMap<>();

		final Map<String, GenericRecord> notes = new ConcurrentHashMap<>();

		final Map<String, Product> products = new ConcurrentHashMap<>();

		final Map<String, Event> productEvents = new ConcurrentHashMap<>();

		// tag::handler[]
		@DictameshEventHandler(types = "entity.created", entityTypes = "customer")
		void onCustomer(Customer customer, Event event) {
			this.customers.put(event.entityId(), customer);
		}
		// end::handler[]

		@DictameshEventHandler(types = "entity.created", entityTypes = "note")
		void onNote(GenericRecord note, Event event) {
			this.notes.put(event.entityId(), note);
		}

		@DictameshEventHandler(types = "entity.created", entityTypes = "product")
		void onProduct(Product product, Event event) {
			this.productEvents.put(event.entityId(), event);
			this.products.put(event.entityId(), product);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

}
