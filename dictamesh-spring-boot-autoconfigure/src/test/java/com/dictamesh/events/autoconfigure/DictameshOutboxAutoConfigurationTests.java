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

package com.dictamesh.events.autoconfigure;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.dictamesh.events.Event;
import com.dictamesh.events.outbox.ApplicationEventMapper;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import com.dictamesh.events.outbox.OutboxRelay;
import com.dictamesh.events.outbox.OutboxRelayListener;
import com.dictamesh.events.outbox.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static com.dictamesh.events.autoconfigure.StartupFailures.analyze;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link DictameshOutboxAutoConfiguration}.
 */
class DictameshOutboxAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, DictameshEventsAutoConfiguration.class,
				DictameshJdbcAutoConfiguration.class, DictameshOutboxAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders", "spring.kafka.admin.auto-create=false",
				"dictamesh.events.consumer.auto-startup=false", "dictamesh.events.outbox.relay.enabled=false")
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void providesThePublisherAndCreatesTheTablesInTheirOwnFlywayHistory() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(OutboxEventPublisher.class).hasSingleBean(OutboxRepository.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dictamesh_outbox", Integer.class)).isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dictamesh_outbox_lease", Integer.class)).isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"dictamesh_schema_history\" WHERE \"version\" = '1'",
					Integer.class))
				.isOne();
		});
	}

	@Test
	void runsTheRelayUnlessItIsDisabled() {
		this.contextRunner.withPropertyValues("dictamesh.events.outbox.relay.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(OutboxRelay.class));
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(OutboxRelay.class)
			.hasSingleBean(OutboxEventPublisher.class));
	}

	@Test
	void givesThePublishersAndTheRelaysProducerAClientIdOfItsOwnWhenTheApplicationSetsOne() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.outbox.relay.enabled=true", "spring.kafka.client-id=orders")
			.run((context) -> {
				// The names their metrics, log lines and JMX beans carry.
				assertThat(clientIdOf(context.getBean("kafkaTemplate", KafkaTemplate.class))).isEqualTo("orders-1");
				assertThat(clientIdOf(context.getBean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME,
						KafkaTemplate.class)))
					.isEqualTo("orders-dictamesh-1");
				assertThat(clientIdOf(context.getBean(DictameshOutboxAutoConfiguration.RELAY_KAFKA_TEMPLATE_BEAN_NAME,
						KafkaTemplate.class)))
					.isEqualTo("orders-dictamesh-relay-1");
			});
	}

	@Test
	void stopsTheRelaysProducersAtTheirFirstFailedSendAndLeavesTheApplicationsAlone() {
		this.contextRunner.withPropertyValues("dictamesh.events.outbox.relay.enabled=true").run((context) -> {
			assertThat(producerOf(context.getBean(DictameshOutboxAutoConfiguration.RELAY_KAFKA_TEMPLATE_BEAN_NAME,
					KafkaTemplate.class)))
				.contains("StopAtFailureProducer");
			assertThat(producerOf(context.getBean("kafkaTemplate", KafkaTemplate.class)))
				.doesNotContain("StopAtFailureProducer");
			assertThat(producerOf(
					context.getBean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME, KafkaTemplate.class)))
				.doesNotContain("StopAtFailureProducer");
		});
	}

	@Test
	void givesTheRelaysProducersOneRequestInFlightAndTimeoutsWithinTheLease() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.outbox.relay.enabled=true",
					"dictamesh.events.outbox.relay.lease-duration=30s")
			.run((context) -> {
				Map<String, Object> relay = context
					.getBean(DictameshOutboxAutoConfiguration.RELAY_KAFKA_TEMPLATE_BEAN_NAME, KafkaTemplate.class)
					.getProducerFactory()
					.getConfigurationProperties();
				assertThat(relay).containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1)
					.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
					.containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)
					.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
				assertThat(context.getBean("kafkaTemplate", KafkaTemplate.class)
					.getProducerFactory()
					.getConfigurationProperties())
					.doesNotContainKey(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
			});
	}

	@Test
	void failsFastWithTheFixWhenTheRelaysTemplateCannotCopyTheProducerFactory() {
		this.contextRunner
			.withUserConfiguration(DictameshEventsAutoConfigurationTests.UncopiableProducerFactory.class,
					DictameshEventsAutoConfigurationTests.OwnStarterTemplate.class)
			.withPropertyValues("dictamesh.events.outbox.relay.enabled=true")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'dictameshOutboxKafkaTemplate'")
					.contains("copyWithConfigurationOverride is not supported");
				assertThat(analysis.getAction()).contains("bean named 'dictameshOutboxKafkaTemplate' yourself")
					.contains("OutboxRelay.stopAtFailure()");
			});
	}

	@Test
	void coexistsWithTheApplicationsOwnFlywayMigrations() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
			.withPropertyValues("spring.flyway.locations=classpath:db/app-migration")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_item", Integer.class)).isZero();
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dictamesh_outbox", Integer.class)).isZero();
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '1'",
						Integer.class))
					.isOne();
			});
	}

	@Test
	void leavesTheTablesToTheDbaWhenSchemaInitializationIsOff() {
		this.contextRunner.withPropertyValues("dictamesh.events.jdbc.initialize-schema=false").run((context) -> {
			assertThat(context).hasSingleBean(OutboxEventPublisher.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject(
					"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'dictamesh_outbox'",
					Integer.class))
				.isZero();
		});
	}

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
					DictameshEventsAutoConfiguration.class, DictameshOutboxAutoConfiguration.class))
			.withPropertyValues("spring.kafka.admin.auto-create=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(OutboxEventPublisher.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("dictamesh.events.outbox.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OutboxEventPublisher.class)
				.doesNotHaveBean(OutboxRepository.class));
	}

	@Test
	void backsOffWhenTheUserDefinesThePublisherAndTheRelay() {
		this.contextRunner.withPropertyValues("dictamesh.events.outbox.relay.enabled=true")
			.withUserConfiguration(UserOutboxBeans.class)
			.run((context) -> {
				assertThat(context.getBean(OutboxEventPublisher.class)).isSameAs(UserOutboxBeans.PUBLISHER);
				assertThat(context.getBean(OutboxRelay.class)).isSameAs(UserOutboxBeans.RELAY);
			});
	}

	@Test
	void failsClearlyOnADatabaseItDoesNotSupport() {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=jdbc:hsqldb:mem:" + UUID.randomUUID(),
					"spring.datasource.username=sa")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription())
					.contains("The outbox supports PostgreSQL, MySQL, MariaDB and H2, not HSQL Database Engine");
				assertThat(analysis.getAction()).contains("dictamesh.events.outbox.enabled=false");
			});
	}

	@Test
	void failsFastOnARelayWithoutBuckets() {
		this.contextRunner.withPropertyValues("dictamesh.events.outbox.relay.buckets=0")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'dictamesh.events.outbox.relay.buckets'"));
	}

	@Test
	void writesInTheCallersTransactionAndRefusesToWriteWithoutOne() {
		this.contextRunner.run((context) -> {
			OutboxEventPublisher outbox = context.getBean(OutboxEventPublisher.class);
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			transaction.executeWithoutResult((status) -> {
				outbox.entityCreated("order", "1", null);
				status.setRollbackOnly();
			});
			transaction.executeWithoutResult((status) -> outbox.entityCreated("order", "2", null));
			assertThat(jdbc.queryForList("SELECT record_key FROM dictamesh_outbox", String.class))
				.containsExactly("order:2");
			assertThatExceptionOfType(IllegalTransactionStateException.class)
				.isThrownBy(() -> outbox.entityCreated("order", "3", null));
		});
	}

	@Test
	void writesWithoutTheCallersTransactionWhenAllowed() {
		this.contextRunner.withPropertyValues("dictamesh.events.outbox.transaction-required=false").run((context) -> {
			context.getBean(OutboxEventPublisher.class).entityCreated("order", "4", null);
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForList("SELECT record_key FROM dictamesh_outbox", String.class)).containsExactly("order:4");
		});
	}

	@Test
	void writesEventsPublishedAsApplicationEventsWhenAskedTo() {
		this.contextRunner.withPropertyValues("dictamesh.events.outbox.application-events=true").run((context) -> {
			TransactionTemplate transaction = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			transaction
				.executeWithoutResult((status) -> context.publishEvent(Event.entityDeleted("order", "5").build()));
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForList("SELECT event_type FROM dictamesh_outbox", String.class))
				.containsExactly("entity.deleted");
		});
	}

	@Test
	void writesTheApplicationsOwnEventTypesThroughItsMappers() {
		this.contextRunner.withPropertyValues("dictamesh.events.outbox.application-events=true")
			.withUserConfiguration(OrderPlacedMapper.class)
			.run((context) -> {
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				transaction.executeWithoutResult((status) -> {
					context.publishEvent(new OrderPlaced("o-7", 4200));
					context.publishEvent("not an event anyone maps");
				});
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForList("SELECT record_key || ' ' || event_type FROM dictamesh_outbox", String.class))
					.containsExactly("order:o-7 sales.order.placed");
			});
	}

	record OrderPlaced(String orderId, long totalCents) {
	}

	private static String producerOf(KafkaTemplate<?, ?> template) {
		try (Producer<?, ?> producer = template.getProducerFactory().createProducer()) {
			return producer.toString();
		}
	}

	private static String clientIdOf(KafkaTemplate<?, ?> template) {
		// Made, not connected: the client names itself before it looks for a broker.
		try (Producer<?, ?> producer = template.getProducerFactory().createProducer()) {
			return producer.metrics()
				.keySet()
				.stream()
				.map((metric) -> metric.tags().get("client-id"))
				.filter(Objects::nonNull)
				.findFirst()
				.orElseThrow();
		}
		finally {
			template.getProducerFactory().reset();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderPlacedMapper {

		@Bean
		// tag::application-event-mapper[]
		ApplicationEventMapper orderPlaced() {
			return (event) -> (event instanceof OrderPlaced placed)
					? Event.builder("sales.order.placed").entity("order", placed.orderId()).data(placed).build() : null;
		}
		// end::application-event-mapper[]

	}

	@Test
	void tellsTheMetricsAndTheApplicationsOwnRelayListenerAlike() {
		this.contextRunner.withUserConfiguration(MetricsAndOwnRelayListener.class)
			.withPropertyValues("dictamesh.events.outbox.relay.enabled=true")
			.run((context) -> {
				OutboxRelayListener listener = (OutboxRelayListener) ReflectionTestUtils
					.getField(context.getBean(OutboxRelay.class), "listener");
				listener.published(3);
				assertThat(MetricsAndOwnRelayListener.published).hasValue(3);
				assertThat(context.getBean(MeterRegistry.class).counter("dictamesh.outbox.published").count())
					.isEqualTo(3);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class MetricsAndOwnRelayListener {

		static final AtomicInteger published = new AtomicInteger();

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		OutboxRelayListener pager() {
			return new OutboxRelayListener() {

				@Override
				public void published(int rows) {
					published.addAndGet(rows);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserOutboxBeans {

		static final OutboxEventPublisher PUBLISHER = mock(OutboxEventPublisher.class);

		static final OutboxRelay RELAY = mock(OutboxRelay.class);

		@Bean
		OutboxEventPublisher userOutboxEventPublisher() {
			return PUBLISHER;
		}

		@Bean
		OutboxRelay userOutboxRelay() {
			return RELAY;
		}

	}

}
