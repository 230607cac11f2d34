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

package com.dictamesh.events.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The relay's producers ({@link OutboxRelay#stopAtFailure()}) against a real broker that
 * is killed and started again: a producer that gave up a send delivers nothing sent after
 * it, even once the broker is back, so that nothing overtakes the rows the relay sends
 * again; a record's own fault does not stop it.
 */
class StopAtFailureProducerIntegrationTests {

	private static final String TOPIC = "stop-at-failure";

	@TempDir
	static Path directory;

	private static StandaloneKafkaBroker broker;

	private DefaultKafkaProducerFactory<byte[], byte[]> producers;

	private KafkaTemplate<byte[], byte[]> template;

	@BeforeAll
	static void startBroker() throws Exception {
		broker = new StandaloneKafkaBroker(directory.resolve("broker"));
		broker.start();
		broker.createTopic(TOPIC, 1);
	}

	@AfterAll
	static void stopBroker() throws Exception {
		broker.close();
	}

	@BeforeEach
	void createProducers() {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000);
		// As the relay's: once the client has forgotten the absent broker's topics, a
		// send waits for them this long, not the default minute.
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
		config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10_000);
		this.producers = new DefaultKafkaProducerFactory<>(config);
		this.producers.addPostProcessor(OutboxRelay.stopAtFailure());
		this.template = new KafkaTemplate<>(this.producers);
	}

	@AfterEach
	void closeProducers() {
		this.producers.destroy();
	}

	@Test
	void aProducerThatGaveUpASendDeliversNothingSentAfterItOnceTheBrokerIsBack() throws Exception {
		long first = send("before").get(30, TimeUnit.SECONDS).getRecordMetadata().offset();

		broker.kill();
		CompletableFuture<SendResult<byte[], byte[]>> givenUp = sendOrFailure("while the broker is away");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> givenUp.get(30, TimeUnit.SECONDS))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.isInstanceOf(TimeoutException.class));
		broker.start();

		CompletableFuture<SendResult<byte[], byte[]>> after = sendOrFailure("after the failure");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> after.get(30, TimeUnit.SECONDS))
			.withMessageContaining("closed");
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(endOffset()).as("records appended after the failure").isEqualTo(first + 1));

		// The relay drops the stopped producer; the next one sends.
		this.producers.reset();
		assertThat(send("through a new producer").get(30, TimeUnit.SECONDS).getRecordMetadata().offset())
			.isEqualTo(first + 1);
	}

	@Test
	void aRecordsOwnFaultDoesNotStopTheProducer() throws Exception {
		CompletableFuture<SendResult<byte[], byte[]>> tooLarge = sendOrFailure("x".repeat(20_000));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> tooLarge.get(30, TimeUnit.SECONDS))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.isInstanceOf(RecordTooLargeException.class));

		long end = endOffset();
		assertThat(send("small").get(30, TimeUnit.SECONDS).getRecordMetadata().offset()).isEqualTo(end);
	}

	private CompletableFuture<SendResult<byte[], byte[]>> send(String value) {
		return this.template.send(TOPIC, "key".getBytes(StandardCharsets.UTF_8),
				value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send as the relay does: a send refused at once counts as a failed one.
	 */
	private CompletableFuture<SendResult<byte[], byte[]>> sendOrFailure(String value) {
		try {
			return send(value);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static long endOffset() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			TopicPartition partition = new TopicPartition(TOPIC, 0);
			return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
				.partitionResult(partition)
				.get(30, TimeUnit.SECONDS)
				.offset();
		}
	}

}
