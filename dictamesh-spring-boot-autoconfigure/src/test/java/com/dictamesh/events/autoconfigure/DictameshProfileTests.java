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
import java.util.Collection;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.util.ReflectionTestUtils;

import static com.dictamesh.events.autoconfigure.StartupFailures.analyze;
import static com.dictamesh.events.autoconfigure.StartupFailures.findCause;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code dictamesh.events.profile} and
 * {@link DictameshProfileEnvironmentPostProcessor}.
 */
class DictameshProfileTests {

	// An ApplicationContextRunner runs no EnvironmentPostProcessor: apply it as
	// SpringApplication does.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> DictameshProfileEnvironmentPostProcessor.apply(context.getEnvironment()))
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DictameshEventsAutoConfiguration.class))
		.withPropertyValues("spring.application.name=products-adapter", "spring.kafka.admin.auto-create=false",
				"dictamesh.events.consumer.auto-startup=false");

	@Test
	void developmentIsTheDefaultAndKeepsTheSingleBrokerDefaults() {
		this.contextRunner.run((context) -> {
			DictameshEventsProperties properties = context.getBean(DictameshEventsProperties.class);
			assertThat(properties.getProfile()).isEqualTo(DictameshEventsProperties.Profile.DEVELOPMENT);
			assertThat(properties.getTopics().getReplicationFactor()).isEqualTo((short) 1);
			assertThat(properties.getTopics().getMinInsyncReplicas()).isNull();
			assertThat(declaredTopics(context)).allSatisfy((topic) -> {
				assertThat(topic.replicationFactor()).isEqualTo((short) 1);
				assertThat(topic.configs()).doesNotContainKey("min.insync.replicas");
			});
		});
	}

	@Test
	void productionProfileDeclaresTopicsWithThreeReplicasAndTwoInSync() {
		this.contextRunner.withPropertyValues("dictamesh.events.profile=production").run((context) -> {
			assertThat(context).hasNotFailed();
			DictameshEventsProperties properties = context.getBean(DictameshEventsProperties.class);
			assertThat(properties.getTopics().getRetention()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.getIdempotency().getTimeToLive()).isEqualTo(Duration.ofDays(30));
			assertThat(properties.getProducer().getAcks()).isEqualTo("all");
			assertThat(properties.getProducer().isIdempotence()).isTrue();
			assertThat(declaredTopics(context)).isNotEmpty().allSatisfy((topic) -> {
				assertThat(topic.replicationFactor()).isEqualTo((short) 3);
				assertThat(topic.configs()).containsEntry("min.insync.replicas", "2")
					.containsEntry("retention.ms", String.valueOf(Duration.ofDays(30).toMillis()));
			});
		});
	}

	@Test
	void explicitSettingsWinOverTheProductionDefaults() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.profile=production", "dictamesh.events.topics.replication-factor=5",
					"dictamesh.events.topics.min-insync-replicas=3", "dictamesh.events.topics.retention=90d")
			.run((context) -> assertThat(declaredTopics(context)).isNotEmpty().allSatisfy((topic) -> {
				assertThat(topic.replicationFactor()).isEqualTo((short) 5);
				assertThat(topic.configs()).containsEntry("min.insync.replicas", "3")
					.containsEntry("retention.ms", String.valueOf(Duration.ofDays(90).toMillis()));
			}));
	}

	@Test
	void productionProfileRefusesFewerThanThreeReplicas() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.profile=production", "dictamesh.events.topics.replication-factor=1")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'dictamesh.events.topics.replication-factor'")
					.contains("three copies");
				assertThat(analysis.getAction()).contains("set it to 3 or more")
					.contains("remove dictamesh.events.profile=production");
			});
	}

	@Test
	void productionProfileRefusesMinInsyncReplicasThatStopSendsWhenOneBrokerIsAway() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.profile=production", "dictamesh.events.topics.min-insync-replicas=3")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'dictamesh.events.topics.min-insync-replicas'")
					.contains("fewer than the replication factor (3)");
				assertThat(analysis.getAction()).contains("between 2 and 2");
			});
		this.contextRunner
			.withPropertyValues("dictamesh.events.profile=production", "dictamesh.events.topics.min-insync-replicas=1")
			.run((context) -> assertThat(analyze(context).getDescription()).contains("two replicas or more"));
	}

	@Test
	void productionProfileRefusesAcksBelowAllAndAProducerWithoutIdempotence() {
		this.contextRunner.withPropertyValues("dictamesh.events.profile=production", "dictamesh.events.producer.acks=1")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("Invalid value '1' for property 'dictamesh.events.producer.acks'"));
		this.contextRunner
			.withPropertyValues("dictamesh.events.profile=production", "dictamesh.events.producer.idempotence=false")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'dictamesh.events.producer.idempotence'")
				.contains("duplicate or reorder"));
	}

	@Test
	void anUnknownProfileFailsToBindAndNamesTheProperty() {
		this.contextRunner.withPropertyValues("dictamesh.events.profile=prod").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(findCause(context.getStartupFailure(), BindException.class)).isNotNull()
				.satisfies((ex) -> assertThat(ex.getProperty().getName().toString())
					.isEqualTo("dictamesh.events.profile"));
		});
	}

	@Test
	void springApplicationAppliesTheProductionDefaultsBelowTheApplicationsOwnSettings() {
		SpringApplication application = new SpringApplicationBuilder(EmptyConfiguration.class)
			.web(WebApplicationType.NONE)
			.build();
		try (ConfigurableApplicationContext context = application.run("--dictamesh.events.profile=production",
				"--dictamesh.events.topics.retention=90d")) {
			assertThat(context.getEnvironment().getProperty("dictamesh.events.topics.replication-factor"))
				.isEqualTo("3");
			assertThat(context.getEnvironment().getProperty("dictamesh.events.topics.retention")).isEqualTo("90d");
			assertThat(context.getEnvironment()
				.getPropertySources()
				.contains(DictameshProfileEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isTrue();
		}
	}

	private static Collection<NewTopic> declaredTopics(AssertableApplicationContext context) {
		return ReflectionTestUtils.invokeMethod(context.getBean(KafkaAdmin.NewTopics.class), "getNewTopics");
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
