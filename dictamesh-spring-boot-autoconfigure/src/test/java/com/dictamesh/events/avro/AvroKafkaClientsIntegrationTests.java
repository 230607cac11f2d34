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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The serializer and deserializer in plain Kafka clients, chosen and configured by
 * properties alone as Confluent's are, on the in-JVM broker.
 */
class AvroKafkaClientsIntegrationTests {

	private static final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);

	private final String scope = "clients-" + UUID.randomUUID();

	private final String topic = "customers-" + UUID.randomUUID();

	@BeforeAll
	static void startBroker() {
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void producerAndConsumerConfiguredByPropertiesExchangeSpecificRecords() {
		// tag::producer[]
		Properties producerProperties = new Properties();
		producerProperties.put("bootstrap.servers", broker.getBrokersAsString());
		producerProperties.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
		producerProperties.put("value.serializer", "com.dictamesh.events.avro.KafkaAvroSerializer");
		producerProperties.put("schema.registry.url", "mock://" + this.scope);
		producerProperties.put("value.subject.name.strategy",
				"io.confluent.kafka.serializers.subject.RecordNameStrategy");
		// end::producer[]
		// tag::consumer[]
		Properties consumerProperties = new Properties();
		consumerProperties.put("bootstrap.servers", broker.getBrokersAsString());
		consumerProperties.put("group.id", "customer-directory");
		consumerProperties.put("auto.offset.reset", "earliest");
		consumerProperties.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
		consumerProperties.put("value.deserializer", "com.dictamesh.events.avro.KafkaAvroDeserializer");
		consumerProperties.put("schema.registry.url", "mock://" + this.scope);
		consumerProperties.put("specific.avro.reader", "true");
		// end::consumer[]

		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProperties)) {
			producer.send(new ProducerRecord<>(this.topic, "c-1", new Customer("c-1", "Ada")));
			producer.send(new ProducerRecord<>(this.topic, "c-2", new Customer("c-2", "Grace")));
		}
		List<Customer> received = new ArrayList<>();
		try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerProperties)) {
			consumer.subscribe(List.of(this.topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> received.add((Customer) record.value()));
				return received.size() == 2;
			});
		}

		assertThat(received).extracting(Customer::getName).containsExactly("Ada", "Grace");
		assertThat(
				MockSchemaRegistry.forScope(this.scope).getLatestSchema("com.dictamesh.events.avro.Customer").schema())
			.isEqualTo(Customer.SCHEMA$);
	}

	@Test
	void consumerReportsARecordThatIsNotAvroWithItsReason() {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
						ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
			producer.send(new ProducerRecord<>(this.topic, "c-1", "{\"id\":\"c-1\"}".getBytes()));
		}
		try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ConsumerConfig.GROUP_ID_CONFIG,
				"g-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class,
				AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + this.scope))) {
			consumer.subscribe(List.of(this.topic));
			List<ConsumerRecord<String, Object>> none = new ArrayList<>();
			assertThatExceptionOfType(RecordDeserializationException.class)
				.isThrownBy(() -> await().atMost(Duration.ofSeconds(30)).until(() -> {
					consumer.poll(Duration.ofMillis(200)).forEach(none::add);
					return false;
				}))
				.satisfies((ex) -> {
					assertThat(ex.offset()).isZero();
					assertThat(ex.getCause()).isInstanceOfSatisfying(AvroDeserializationException.class,
							(cause) -> assertThat(cause.getReason())
								.isEqualTo(AvroDeserializationException.Reason.NOT_WIRE_FORMAT));
				});
			assertThat(none).isEmpty();
		}
	}

}
