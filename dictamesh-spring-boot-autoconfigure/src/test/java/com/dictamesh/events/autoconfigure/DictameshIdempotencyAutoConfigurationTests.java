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

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.dictamesh.events.idempotency.IdempotencyCleaner;
import com.dictamesh.events.idempotency.IdempotencyListener;
import com.dictamesh.events.idempotency.IdempotencyStore;
import com.dictamesh.events.idempotency.IdempotentHandlerExecution;
import com.dictamesh.events.idempotency.InMemoryIdempotencyStore;
import com.dictamesh.events.idempotency.JdbcIdempotencyStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;

import static com.dictamesh.events.autoconfigure.StartupFailures.analyze;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DictameshIdempotencyAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class DictameshIdempotencyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				DictameshEventsAutoConfiguration.class, DictameshJdbcAutoConfiguration.class,
				DictameshIdempotencyAutoConfiguration.class))
		.withPropertyValues("spring.kafka.admin.auto-create=false", "dictamesh.events.consumer.auto-startup=false",
				"dictamesh.events.outbox.enabled=false",
				"spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void storesMarksInTheDatabaseInTheHandlersTransactionWhenThereIsADataSource() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(JdbcIdempotencyStore.class);
			assertThat(context.getBean(IdempotentHandlerExecution.class).isTransactional()).isTrue();
			assertThat(context).hasSingleBean(IdempotencyCleaner.class);
			IdempotencyStore store = context.getBean(IdempotencyStore.class);
			assertThat(store.mark("g", "h", "e-1")).isTrue();
			assertThat(store.mark("g", "h", "e-1")).isFalse();
			assertThat(store.mark("g", "other-handler", "e-1")).as("marks are per handler").isTrue();
		});
	}

	@Test
	void warnsThatEffectsAndMarksAreNotInOneTransactionWhenNoSingleTransactionManagerIsFound(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(TwoTransactionManagers.class).run((context) -> {
			assertThat(context.getBean(IdempotentHandlerExecution.class).isTransactional()).isFalse();
			assertThat(output).contains("there is no single PlatformTransactionManager")
				.contains("can apply an effect twice");
		});
	}

	@Test
	void doesNotWarnWithTheDataSourcesTransactionManager(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(output).doesNotContain("no single PlatformTransactionManager"));
	}

	@Test
	void makesNoHandlerIdempotentWithoutADataSourceUnlessAskedForMemory() {
		ApplicationContextRunner withoutDatabase = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
					DictameshEventsAutoConfiguration.class, DictameshJdbcAutoConfiguration.class,
					DictameshIdempotencyAutoConfiguration.class))
			.withPropertyValues("spring.kafka.admin.auto-create=false", "dictamesh.events.consumer.auto-startup=false");
		withoutDatabase.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(IdempotencyStore.class)
			.doesNotHaveBean(IdempotentHandlerExecution.class));
		withoutDatabase.withPropertyValues("dictamesh.events.idempotency.store=memory").run((context) -> {
			assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(InMemoryIdempotencyStore.class);
			assertThat(context.getBean(IdempotentHandlerExecution.class).isTransactional()).isFalse();
		});
	}

	@Test
	void staysOffWhenTheStoreIsNone() {
		this.contextRunner.withPropertyValues("dictamesh.events.idempotency.store=none")
			.run((context) -> assertThat(context).doesNotHaveBean(IdempotencyStore.class)
				.doesNotHaveBean(IdempotentHandlerExecution.class));
	}

	@Test
	void backsOffWhenTheUserDefinesAStore() {
		this.contextRunner.withUserConfiguration(UserStore.class).run((context) -> {
			assertThat(context.getBean(IdempotencyStore.class)).isSameAs(context.getBean("userStore"));
			assertThat(context.getBean(IdempotentHandlerExecution.class).isTransactional()).isFalse();
		});
	}

	@Test
	void failsFastOnANonPositiveTimeToLive() {
		this.contextRunner.withPropertyValues("dictamesh.events.idempotency.time-to-live=0s")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'dictamesh.events.idempotency.time-to-live'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStore {

		@Bean
		IdempotencyStore userStore() {
			return new IdempotencyStore() {

				@Override
				public boolean mark(String group, String handlerId, String eventId) {
					return true;
				}

				@Override
				public Set<String> findProcessed(String group, String handlerId, Collection<String> eventIds) {
					return Set.of();
				}

				@Override
				public int deleteExpired(java.time.Duration timeToLive, int limit) {
					return 0;
				}

				@Override
				public boolean isTransactional() {
					return false;
				}
			};
		}

	}

	@Test
	void tellsTheMetricsAndTheApplicationsOwnListenerAlike() {
		this.contextRunner.withUserConfiguration(MetricsAndOwnListener.class).run((context) -> {
			IdempotencyListener listener = (IdempotencyListener) ReflectionTestUtils
				.getField(context.getBean(IdempotentHandlerExecution.class), "listener");
			listener.duplicateSkipped("orders", "orders.indexer");
			assertThat(MetricsAndOwnListener.duplicates).hasValue(1);
			assertThat(context.getBean(MeterRegistry.class)
				.counter("dictamesh.idempotency.duplicates", "group", "orders", "handler", "orders.indexer")
				.count()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class MetricsAndOwnListener {

		static final AtomicInteger duplicates = new AtomicInteger();

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		IdempotencyListener auditor() {
			return new IdempotencyListener() {

				@Override
				public void duplicateSkipped(String group, String handlerId) {
					duplicates.incrementAndGet();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoTransactionManagers {

		@Bean
		PlatformTransactionManager ordersTransactionManager(DataSource dataSource) {
			return new JdbcTransactionManager(dataSource);
		}

		@Bean
		PlatformTransactionManager auditTransactionManager(DataSource dataSource) {
			return new JdbcTransactionManager(dataSource);
		}

	}

}
