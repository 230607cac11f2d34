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

import java.time.Clock;

import javax.sql.DataSource;

import com.dictamesh.events.autoconfigure.DictameshEventsProperties.Idempotency;
import com.dictamesh.events.idempotency.IdempotencyCleaner;
import com.dictamesh.events.idempotency.IdempotencyListener;
import com.dictamesh.events.idempotency.IdempotencyStore;
import com.dictamesh.events.idempotency.IdempotentHandlerExecution;
import com.dictamesh.events.idempotency.InMemoryIdempotencyStore;
import com.dictamesh.events.idempotency.JdbcIdempotencyStore;
import com.dictamesh.events.idempotency.MicrometerIdempotencyListener;
import com.dictamesh.events.jdbc.DatabaseDialect;
import com.dictamesh.events.jdbc.SchemaInitializer;
import com.dictamesh.events.kafka.EventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Auto-configuration of idempotent consumption: an {@link IdempotencyStore} (the
 * application's database, or its memory by property) and the execution that makes
 * {@code @DictameshEventHandler} methods skip events they processed before.
 */
@AutoConfiguration(after = { DictameshEventsAutoConfiguration.class, DictameshJdbcAutoConfiguration.class },
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnBean(EventSerializer.class)
public final class DictameshIdempotencyAutoConfiguration {

	private static final Log logger = LogFactory.getLog(DictameshIdempotencyAutoConfiguration.class);

	@Bean
	@ConditionalOnBean(IdempotencyStore.class)
	@ConditionalOnMissingBean
	IdempotentHandlerExecution dictameshIdempotentHandlerExecution(IdempotencyStore store,
			ObjectProvider<PlatformTransactionManager> transactionManager,
			ObjectProvider<IdempotencyListener> listener) {
		PlatformTransactionManager manager = transactionManager.getIfUnique();
		if (manager == null && store.isTransactional()) {
			logger.warn("The idempotency store keeps its marks in the database, but there is no single "
					+ "PlatformTransactionManager (none, or several without @Primary): each handler's effect and "
					+ "its mark are not in one transaction, so a redelivery while a handler is slow, or a crash "
					+ "between the two, can apply an effect twice. Make the transaction manager of the "
					+ "DataSource @Primary.");
		}
		return new IdempotentHandlerExecution(store, (manager != null) ? new TransactionTemplate(manager) : null,
				IdempotencyListener.of(listener.orderedStream().toList()));
	}

	@Bean
	@ConditionalOnBean(IdempotencyStore.class)
	@ConditionalOnMissingBean
	IdempotencyCleaner dictameshIdempotencyCleaner(IdempotencyStore store, DictameshEventsProperties properties,
			ObjectProvider<IdempotencyListener> listener) {
		Idempotency idempotency = properties.getIdempotency();
		return new IdempotencyCleaner(store, idempotency.getTimeToLive(), idempotency.getCleanupInterval(),
				idempotency.getCleanupBatchSize(), IdempotencyListener.of(listener.orderedStream().toList()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcTemplate.class)
	@ConditionalOnSingleCandidate(DataSource.class)
	@ConditionalOnExpression("'${dictamesh.events.idempotency.store:auto}'.toLowerCase() matches 'auto|jdbc'")
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(IdempotencyStore.class)
		JdbcIdempotencyStore dictameshIdempotencyStore(DataSource dataSource,
				ObjectProvider<SchemaInitializer> schemaInitializer) {
			// The table exists before anything uses it.
			schemaInitializer.ifAvailable((initializer) -> {
			});
			return new JdbcIdempotencyStore(new JdbcTemplate(dataSource), DatabaseDialect.of(dataSource));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "dictamesh.events.idempotency.store", havingValue = "memory")
	static class MemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(IdempotencyStore.class)
		InMemoryIdempotencyStore dictameshIdempotencyStore(DictameshEventsProperties properties) {
			return new InMemoryIdempotencyStore(properties.getIdempotency().getMemoryCapacity(), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnBean(MeterRegistry.class)
		@ConditionalOnMissingBean
		MicrometerIdempotencyListener dictameshIdempotencyMetrics(MeterRegistry registry) {
			return new MicrometerIdempotencyListener(registry);
		}

	}

}
