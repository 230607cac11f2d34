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
package com.dictamesh.events.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.support.ProducerListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KafkaAccessDenials}.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaAccessDenialsTests {

	private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
			+ "username=\"orders\" password=\"s3cr3t-Passw0rd\";";

	private final KafkaAccessDenials denials = new KafkaAccessDenials("User:orders",
			Clock.fixed(Instant.parse("2026-12-04T10:15:30Z"), ZoneOffset.UTC));

	@Test
	void principalIsTheUserOfTheJaasConfigurationAndNothingElseOfIt() {
		assertThat(KafkaAccessDenials.principalOf(Map.of("sasl.jaas.config", JAAS))).isEqualTo("User:orders");
		assertThat(KafkaAccessDenials.principalOf(Map.of("sasl.jaas.config", new Password(JAAS))))
			.isEqualTo("User:orders");
		assertThat(KafkaAccessDenials.principalOf(Map.of())).isEqualTo("User:<this application's principal>");
	}

	@Test
	void aTopicThePublisherMayNotWriteNamesTheTopicTheOperationAndTheGrantOnce(CapturedOutput output) {
		ProducerListener<byte[], byte[]> listener = this.denials.producerListener("publisher", () -> {
		});
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("dictamesh.entity.changed", new byte[0]);
		KafkaProducerException failure = new KafkaProducerException(record, "Failed to send",
				new TopicAuthorizationException(Set.of("dictamesh.entity.changed")));
		listener.onError(record, null, failure);
		listener.onError(record, null, failure);
		assertThat(this.denials.current()).singleElement().satisfies((denial) -> {
			assertThat(denial.client()).isEqualTo("publisher");
			assertThat(denial.operation()).isEqualTo("WRITE");
			assertThat(denial.resourceType()).isEqualTo("topic");
			assertThat(denial.resource()).isEqualTo("dictamesh.entity.changed");
			assertThat(denial.occurrences()).isEqualTo(2);
			assertThat(denial.fix()).isEqualTo("Grant it: kafka-acls.sh --bootstrap-server <brokers> --add "
					+ "--allow-principal User:orders --operation WRITE --topic dictamesh.entity.changed");
		});
		assertThat(output.getOut()
			.lines()
			.filter((line) -> line
				.contains("Kafka denied publisher (User:orders) " + "WRITE on topic 'dictamesh.entity.changed'")))
			.hasSize(1)
			.allSatisfy((line) -> assertThat(line).contains("ERROR").contains("--operation WRITE"));
	}

	@Test
	void aSendThatSucceedsForgetsTheTopicsDenialOnly(CapturedOutput output) {
		ProducerListener<byte[], byte[]> listener = this.denials.producerListener("publisher", () -> {
		});
		listener.onError(new ProducerRecord<>("a", new byte[0]), null, new TopicAuthorizationException(Set.of("a")));
		listener.onError(new ProducerRecord<>("b", new byte[0]), null, new TopicAuthorizationException(Set.of("b")));
		listener.onSuccess(new ProducerRecord<>("a", new byte[0]), null);
		assertThat(this.denials.current()).extracting(KafkaAccessDenials.Denial::resource).containsExactly("b");
		assertThat(output).contains("Kafka allows publisher again on topic 'a'");
	}

	@Test
	void aProducerRefusedItsCredentialsOrItsProducerIdIsClosedButNotOneRefusedATopic() {
		AtomicInteger closed = new AtomicInteger();
		ProducerListener<byte[], byte[]> listener = this.denials.producerListener("publisher", closed::incrementAndGet);
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("a", new byte[0]);
		listener.onError(record, null, new TopicAuthorizationException(Set.of("a")));
		assertThat(closed).hasValue(0);
		listener.onError(record, null, new KafkaProducerException(record, "Failed to send",
				new ClusterAuthorizationException("The producer is not authorized to do idempotent sends")));
		assertThat(closed).hasValue(1);
		listener.onError(record, null, new SaslAuthenticationException("Authentication failed"));
		assertThat(closed).hasValue(2);
		assertThat(this.denials.current()).extracting(KafkaAccessDenials.Denial::operation)
			.containsExactlyInAnyOrder("WRITE", "IDEMPOTENT_WRITE", "authentication");
	}

	@Test
	void aGroupTheConsumerMayNotJoinIsRecordedUntilAPollSucceeds() {
		MockConsumer<byte[], byte[]> mock = new MockConsumer<>("earliest");
		Consumer<byte[], byte[]> consumer = this.denials.watch(mock);
		mock.setPollException(new GroupAuthorizationException("Not authorized to access group: search-indexer"));
		assertThatExceptionOfType(GroupAuthorizationException.class).isThrownBy(() -> consumer.poll(Duration.ZERO));
		assertThat(this.denials.current()).singleElement().satisfies((denial) -> {
			assertThat(denial.operation()).isEqualTo("READ");
			assertThat(denial.resourceType()).isEqualTo("group");
			assertThat(denial.resource()).isEqualTo("search-indexer");
			assertThat(denial.fix()).contains("--operation READ --group search-indexer");
		});
		ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ZERO);
		assertThat(records.isEmpty()).isTrue();
		assertThat(this.denials.current()).isEmpty();
	}

	@Test
	void refusedCredentialsSayWhatToCheckWithoutTheSecret(CapturedOutput output) {
		this.denials.record("publisher", KafkaAccessDenials.Role.PRODUCER,
				new SaslAuthenticationException(
						"Authentication failed during authentication due to invalid credentials with SASL mechanism "
								+ "SCRAM-SHA-512"));
		assertThat(this.denials.current()).singleElement().satisfies((denial) -> {
			assertThat(denial.operation()).isEqualTo("authentication");
			assertThat(denial.summary()).isEqualTo("Kafka refused to authenticate publisher as User:orders");
			assertThat(denial.fix()).contains("spring.kafka.properties.sasl.jaas.config");
		});
		assertThat(output).contains("invalid credentials").doesNotContain("s3cr3t-Passw0rd");
	}

	@Test
	void failuresThatAreNotAboutAccessAreNotRecordedAndExplainedByTheirCause() {
		assertThat(
				this.denials
					.record("publisher", KafkaAccessDenials.Role.PRODUCER,
							new KafkaProducerException(new ProducerRecord<>("a", new byte[0]), "Failed to send",
									new TimeoutException("Topic a not present in metadata after 60000 ms."))))
			.isFalse();
		assertThat(this.denials.current()).isEmpty();
		assertThat(KafkaAccessDenials.explain("the health check", KafkaAccessDenials.Role.ADMIN,
				new RuntimeException("wrapper", new TimeoutException("no answer")), "User:orders"))
			.isEqualTo("TimeoutException: no answer");
		assertThat(KafkaAccessDenials.explain("the consumer lag check", KafkaAccessDenials.Role.ADMIN,
				new GroupAuthorizationException("Not authorized to access group: orders", "orders"), "User:orders"))
			.isEqualTo("Kafka denied the consumer lag check (User:orders) DESCRIBE on group 'orders' "
					+ "(GroupAuthorizationException: Not authorized to access group: orders). Grant it: "
					+ "kafka-acls.sh --bootstrap-server <brokers> --add --allow-principal User:orders "
					+ "--operation DESCRIBE --group orders");
	}

}
