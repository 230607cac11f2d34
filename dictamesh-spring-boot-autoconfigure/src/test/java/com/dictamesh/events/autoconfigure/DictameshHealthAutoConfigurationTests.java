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

import java.time.Duration;
import java.util.Map;

import com.dictamesh.events.actuate.ConsumerLagHealthIndicator;
import com.dictamesh.events.actuate.ConsumerLagReader;
import com.dictamesh.events.actuate.DeadLetterMonitor;
import com.dictamesh.events.actuate.DeadLettersHealthIndicator;
import com.dictamesh.events.actuate.FigureMeterBinder;
import com.dictamesh.events.actuate.KafkaClusterReader;
import com.dictamesh.events.actuate.KafkaHealthIndicator;
import com.dictamesh.events.actuate.OutboxBacklogReader;
import com.dictamesh.events.actuate.OutboxHealthIndicator;
import com.dictamesh.events.kafka.MicrometerEventMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class DictameshHealthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DictameshEventsAutoConfiguration.class, DictameshHealthAutoConfiguration.class,
				DictameshMetricsAutoConfiguration.class))
		.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:9", "spring.application.name=app",
				"spring.kafka.admin.auto-create=false", "dictamesh.events.health.refresh-interval=1h",
				"dictamesh.events.health.timeout=200ms");

	@Test
	void providesTheFiguresAndTheirHealthIndicators() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KafkaClusterReader.class)
				.hasSingleBean(ConsumerLagReader.class)
				.hasSingleBean(DeadLetterMonitor.class);
			assertThat(context).getBean("kafkaHealthIndicator").isInstanceOf(KafkaHealthIndicator.class);
			assertThat(context).getBean("dictameshConsumerLagHealthIndicator")
				.isInstanceOf(ConsumerLagHealthIndicator.class);
			assertThat(context).getBean("dictameshDeadLettersHealthIndicator")
				.isInstanceOf(DeadLettersHealthIndicator.class);
			assertThat(context).hasBean(DictameshHealthAutoConfiguration.ADMIN_BEAN_NAME);
			assertThat(context).doesNotHaveBean(OutboxBacklogReader.class).doesNotHaveBean(OutboxHealthIndicator.class);
		});
	}

	@Test
	void indicatorsAreSwitchedOffOneByOneWithManagementHealthProperties() {
		this.contextRunner
			.withPropertyValues("management.health.kafka.enabled=false",
					"management.health.dictameshConsumerLag.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("kafkaHealthIndicator")
					.doesNotHaveBean(ConsumerLagHealthIndicator.class)
					.hasSingleBean(DeadLettersHealthIndicator.class);
				// The figure stays for its gauges and the dictamesh endpoint.
				assertThat(context).hasSingleBean(ConsumerLagReader.class);
			});
	}

	@Test
	void outboxIndicatorComesWithTheOutbox() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DictameshJdbcAutoConfiguration.class, DictameshOutboxAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:health-autoconfig;DB_CLOSE_DELAY=-1",
					"dictamesh.events.outbox.relay.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(OutboxBacklogReader.class)
				.getBean("dictameshOutboxHealthIndicator")
				.isInstanceOf(OutboxHealthIndicator.class));
	}

	@Test
	void backsOffWhenTheUserDefinesAFigureOrAnIndicator() {
		this.contextRunner.withUserConfiguration(UserFigures.class).run((context) -> {
			assertThat(context).hasSingleBean(ConsumerLagReader.class);
			assertThat(context.getBean(ConsumerLagReader.class)).isSameAs(context.getBean("myLagReader"));
			assertThat(context).getBean("kafkaHealthIndicator").isNotInstanceOf(KafkaHealthIndicator.class);
		});
	}

	@Test
	void backsOffWithoutActuatorHealthOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaClusterReader.class)
				.doesNotHaveBean(ConsumerLagReader.class)
				.doesNotHaveBean(DeadLetterMonitor.class));
	}

	@Test
	void figuresAreSwitchedOffAsAWholeByProperty() {
		this.contextRunner.withPropertyValues("dictamesh.events.health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaClusterReader.class)
				.doesNotHaveBean("kafkaHealthIndicator"));
	}

	@Test
	void failsFastOnANegativeLagThreshold() {
		this.contextRunner.withPropertyValues("dictamesh.events.health.lag-threshold=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("dictamesh.events.health.lag-threshold"));
	}

	@Test
	void metersComeWithAMeterRegistry() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerEventMetrics.class).hasSingleBean(FigureMeterBinder.class);
		});
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MicrometerEventMetrics.class)
			.doesNotHaveBean(FigureMeterBinder.class));
	}

	@Test
	void springKafkaListenerObservationReachesTheStartersContainerFactory() {
		this.contextRunner.withPropertyValues("spring.kafka.listener.observation-enabled=true").run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> factory = context.getBean(
					DictameshEventsAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME,
					ConcurrentKafkaListenerContainerFactory.class);
			assertThat(factory.getContainerProperties().isObservationEnabled()).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFigures {

		// A bean, so that the context closes it: left open, it would call the absent
		// broker for the rest of the test JVM.
		@Bean(defaultCandidate = false)
		Admin myLagAdmin() {
			return Admin.create(Map.of("bootstrap.servers", "127.0.0.1:9"));
		}

		@Bean
		ConsumerLagReader myLagReader(@Qualifier("myLagAdmin") Admin admin) {
			return new ConsumerLagReader(admin, Map::of, Duration.ofHours(1), Duration.ofMillis(200),
					java.time.Clock.systemUTC());
		}

		@Bean
		HealthIndicator kafkaHealthIndicator() {
			return () -> org.springframework.boot.health.contributor.Health.up().build();
		}

	}

}
