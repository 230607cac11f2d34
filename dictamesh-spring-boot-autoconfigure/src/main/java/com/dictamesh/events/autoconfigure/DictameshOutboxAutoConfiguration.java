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

import javax.sql.DataSource;

import com.dictamesh.events.EventEnricher;
import com.dictamesh.events.autoconfigure.DictameshEventsProperties.Outbox;
import com.dictamesh.events.jdbc.DatabaseDialect;
import com.dictamesh.events.jdbc.SchemaInitializer;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.KafkaAccessDenials;
import com.dictamesh.events.kafka.TopicResolver;
import com.dictamesh.events.outbox.ApplicationEventMapper;
import com.dictamesh.events.outbox.OutboxApplicationEventWriter;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import com.dictamesh.events.outbox.OutboxHeaderContributor;
import com.dictamesh.events.outbox.MicrometerOutboxRelayListener;
import com.dictamesh.events.outbox.OutboxRelay;
import com.dictamesh.events.outbox.OutboxRelayListener;
import com.dictamesh.events.outbox.OutboxRepository;
import com.dictamesh.events.outbox.PostgresRelayWakeUps;
import com.dictamesh.events.outbox.TracingOutboxHeaderContributor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the transactional outbox: the {@link OutboxEventPublisher} that
 * writes events in the caller's transaction, the tables, and the {@link OutboxRelay} that
 * publishes them.
 */
@AutoConfiguration(after = { DictameshEventsAutoConfiguration.class, DictameshJdbcAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnClass({ JdbcTemplate.class, PlatformTransactionManager.class })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBean(EventSerializer.class)
@ConditionalOnBooleanProperty(name = "dictamesh.events.outbox.enabled", matchIfMissing = true)
public final class DictameshOutboxAutoConfiguration {

	/**
	 * Name of the Kafka template of the relay.
	 */
	public static final String RELAY_KAFKA_TEMPLATE_BEAN_NAME = "dictameshOutboxKafkaTemplate";

	private static final String POSTGRES_CONNECTION = "org.postgresql.PGConnection";

	private final DictameshEventsProperties properties;

	DictameshOutboxAutoConfiguration(DictameshEventsProperties properties) {
		this.properties = properties;
	}

	@Bean
	@ConditionalOnMissingBean
	OutboxRepository dictameshOutboxRepository(DataSource dataSource,
			ObjectProvider<SchemaInitializer> schemaInitializer) {
		// The tables exist before anything uses them.
		schemaInitializer.ifAvailable((initializer) -> {
		});
		return new OutboxRepository(new JdbcTemplate(dataSource), DatabaseDialect.of(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	OutboxEventPublisher outboxEventPublisher(OutboxRepository repository, EventSerializer serializer,
			TopicResolver topicResolver, ObjectProvider<EventEnricher> enrichers,
			ObjectProvider<OutboxHeaderContributor> headerContributors, DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager, ObjectProvider<OutboxRelay> relay,
			Environment environment) {
		Outbox outbox = this.properties.getOutbox();
		TransactionTemplate ownTransaction = null;
		if (!outbox.isTransactionRequired()) {
			ownTransaction = new TransactionTemplate(
					transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)));
		}
		return new OutboxEventPublisher(repository, serializer, topicResolver,
				DictameshEventsAutoConfiguration.enrichers(this.properties, environment, enrichers),
				headerContributors.orderedStream().toList(), JsonMapper.builder().build(),
				outbox.getRelay().getBuckets(), ownTransaction, relay.getIfUnique(),
				notifiesRelays(repository, outbox.getRelay()));
	}

	private static boolean notifiesRelays(OutboxRepository repository, Outbox.Relay relay) {
		return relay.isNotify() && repository.getDialect() == DatabaseDialect.POSTGRESQL
				&& ClassUtils.isPresent(POSTGRES_CONNECTION, DictameshOutboxAutoConfiguration.class.getClassLoader());
	}

	@Bean
	@ConditionalOnBooleanProperty("dictamesh.events.outbox.application-events")
	@ConditionalOnMissingBean
	OutboxApplicationEventWriter dictameshOutboxApplicationEventWriter(OutboxEventPublisher outbox,
			ObjectProvider<ApplicationEventMapper> mappers) {
		return new OutboxApplicationEventWriter(outbox, mappers.orderedStream().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "dictamesh.events.outbox.relay.enabled", matchIfMissing = true)
	static class RelayConfiguration {

		@Bean(name = RELAY_KAFKA_TEMPLATE_BEAN_NAME, defaultCandidate = false)
		@ConditionalOnMissingBean(name = RELAY_KAFKA_TEMPLATE_BEAN_NAME)
		@SuppressWarnings({ "unchecked", "rawtypes" })
		KafkaTemplate<byte[], byte[]> dictameshOutboxKafkaTemplate(ProducerFactory<?, ?> producerFactory,
				DictameshEventsProperties properties, ObjectProvider<KafkaAccessDenials> accessDenials) {
			Map<String, Object> overrides = DictameshEventsAutoConfiguration.producerOverrides(producerFactory,
					properties.getProducer(), "dictamesh-relay");
			// A send ends, acknowledged or failed, well within the lease, so that an
			// instance whose lease lapses has stopped sending before another takes over.
			long lease = properties.getOutbox().getRelay().getLeaseDuration().toMillis();
			overrides.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (lease / 3));
			overrides.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, lease / 6));
			overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, lease / 6);
			overrides.put(ProducerConfig.LINGER_MS_CONFIG,
					(int) Math.min((long) (Integer) overrides.get(ProducerConfig.LINGER_MS_CONFIG), lease / 12));
			// One request in flight per broker: a partition's later batch is sent
			// only once the earlier one is acknowledged, never beside it while that
			// one may still be given up. With five in flight a CI run still found a
			// key's later rows on the topic ahead of rows the relay had to send again
			// after a leader was killed.
			overrides.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
			KafkaTemplate<byte[], byte[]> template = DictameshEventsAutoConfiguration.copyTemplate(producerFactory,
					overrides, RELAY_KAFKA_TEMPLATE_BEAN_NAME,
					", with OutboxRelay.stopAtFailure() among its producer factory's post-processors");
			template.setAllowNonTransactional(true);
			// The template's own copy of the factory: the application's producers are
			// left as they are.
			template.getProducerFactory().addPostProcessor(OutboxRelay.stopAtFailure());
			// The relay logs one line per failed batch, not one per record; a refused
			// access is logged once, and shown in health. The relay closes its producer
			// itself after a failed send.
			KafkaAccessDenials denials = accessDenials.getIfAvailable();
			template.setProducerListener((denials != null) ? denials.producerListener("outbox relay", () -> {
			}) : null);
			return template;
		}

		@Bean
		@ConditionalOnMissingBean
		OutboxRelay dictameshOutboxRelay(OutboxRepository repository,
				@Qualifier(RELAY_KAFKA_TEMPLATE_BEAN_NAME) KafkaTemplate<byte[], byte[]> kafkaTemplate,
				DictameshEventsProperties properties, Environment environment,
				ObjectProvider<OutboxRelayListener> listener) {
			Outbox.Relay relay = properties.getOutbox().getRelay();
			OutboxRelay.Settings settings = new OutboxRelay.Settings(
					environment.getProperty("spring.application.name", "relay"), relay.getBuckets(),
					relay.getBatchSize(), relay.getPollInterval(), relay.getLeaseDuration(), relay.getMaxAttempts(),
					relay.getInitialBackoff(), relay.getMaxBackoff(), relay.getRetention(), relay.getCleanupInterval(),
					relay.getCleanupBatchSize());
			OutboxRelay outboxRelay = new OutboxRelay(repository, kafkaTemplate, JsonMapper.builder().build(),
					settings);
			// Every listener hears everything: the metrics and the application's own.
			outboxRelay.setListener(OutboxRelayListener.of(listener.orderedStream().toList()));
			return outboxRelay;
		}

		@Bean
		@ConditionalOnClass(name = POSTGRES_CONNECTION)
		@ConditionalOnBooleanProperty(name = "dictamesh.events.outbox.relay.notify", matchIfMissing = true)
		@ConditionalOnMissingBean
		@Nullable PostgresRelayWakeUps dictameshOutboxRelayWakeUps(OutboxRepository repository, DataSource dataSource,
				OutboxRelay relay) {
			return (repository.getDialect() == DatabaseDialect.POSTGRESQL) ? new PostgresRelayWakeUps(dataSource, relay)
					: null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnBean(MeterRegistry.class)
		@ConditionalOnMissingBean
		MicrometerOutboxRelayListener dictameshOutboxRelayMetrics(MeterRegistry registry) {
			return new MicrometerOutboxRelayListener(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tracer.class, Propagator.class })
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TracingOutboxHeaderContributor dictameshTracingOutboxHeaderContributor(ObjectProvider<Tracer> tracer,
				ObjectProvider<Propagator> propagator) {
			return new TracingOutboxHeaderContributor(tracer::getIfUnique, propagator::getIfUnique);
		}

	}

}
