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

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.dictamesh.events.autoconfigure.DictameshOutboxAutoConfiguration;
import com.dictamesh.events.testsupport.EmbeddedPostgresDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The outbox on a real PostgreSQL server, started from embedded binaries so that the
 * suite needs no installed server.
 */
class PostgresOutboxIntegrationTests extends OutboxIntegrationTests {

	private static final EmbeddedPostgresDatabase postgres = new EmbeddedPostgresDatabase();

	@Autowired
	private OutboxRepository repository;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private OutboxEventPublisher outbox;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	@Qualifier(DictameshOutboxAutoConfiguration.RELAY_KAFKA_TEMPLATE_BEAN_NAME)
	private KafkaTemplate<byte[], byte[]> relayTemplate;

	@DynamicPropertySource
	static void dataSource(DynamicPropertyRegistry registry) {
		postgres.register(registry);
	}

	@Test
	void rowsWrittenByOneInstanceForABucketOfAnotherGoOutAtOnceThroughNotify() throws Exception {
		// The other instance polls every 10 s and renews its lease every 10 s: only a
		// notification can make it publish sooner.
		OutboxRelay other = new OutboxRelay(this.repository, this.relayTemplate, JsonMapper.builder().build(),
				new OutboxRelay.Settings("other", 16, 200, Duration.ofSeconds(10), Duration.ofSeconds(30), 10,
						Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(1), 1000));
		PostgresRelayWakeUps otherListens = new PostgresRelayWakeUps(this.dataSource, other);
		String type = "n" + UUID.randomUUID().toString().substring(0, 8);
		try (EventCollector events = new EventCollector(this.broker.getBrokersAsString(), TOPIC, type)) {
			other.start();
			otherListens.start();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> other.getOwnedBuckets().size() == 8 && this.relay.getOwnedBuckets().size() == 8);
			String id = IntStream.range(0, 1000)
				.mapToObj((i) -> "k" + i)
				.filter((candidate) -> other.getOwnedBuckets()
					.contains(OutboxEventPublisher.bucketOf(type + ":" + candidate, "", 16)))
				.findFirst()
				.orElseThrow();
			// Let the other relay settle into its 10 s wait.
			await().pollDelay(Duration.ofSeconds(1)).until(() -> true);

			long committed = System.nanoTime();
			new TransactionTemplate(this.transactionManager)
				.executeWithoutResult((status) -> this.outbox.entityCreated(type, id, Map.of("seq", 1)));
			await().atMost(Duration.ofSeconds(5)).until(() -> events.sequence(type + ":" + id).contains(1));
			System.out.printf("PostgreSQL NOTIFY: a row of another instance's bucket published %d ms after commit%n",
					(System.nanoTime() - committed) / 1_000_000);
		}
		finally {
			otherListens.stop();
			other.stop();
		}
	}

}
