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

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static com.dictamesh.events.autoconfigure.StartupFailures.analyze;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declared topics' replication against a real cluster of one broker.
 */
@EmbeddedKafka
@ExtendWith(OutputCaptureExtension.class)
class TopicReplicationCheckTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DictameshEventsAutoConfiguration.class))
		.withPropertyValues("spring.application.name=replication-check",
				"dictamesh.events.consumer.auto-startup=false");

	@Test
	void refusesToStartWithMoreReplicasThanTheClusterHasBrokers(EmbeddedKafkaBroker broker) {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
					"dictamesh.events.topics.prefix=rf3.", "dictamesh.events.topics.replication-factor=3")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("'dictamesh.events.topics.replication-factor'")
					.contains("has 1 broker(s)")
					.contains(broker.getBrokersAsString());
				assertThat(analysis.getAction()).contains("set it to at most 1");
			});
	}

	@Test
	void createsTheTopicsWithTheirMinInsyncReplicasWhenTheClusterCanHoldThem(EmbeddedKafkaBroker broker)
			throws Exception {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
					"dictamesh.events.topics.prefix=isr.", "dictamesh.events.topics.min-insync-replicas=1")
			.run((context) -> assertThat(context).hasNotFailed());
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "isr.entity.changed");
			Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
			assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
			assertThat(config.get("min.insync.replicas").isDefault()).isFalse();
		}
	}

	@Test
	void startsWithAWarningWhenTheClusterCannotBeReached(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:9", "spring.kafka.admin.operation-timeout=2s",
					"dictamesh.events.topics.replication-factor=3")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Could not count the brokers at [127.0.0.1:9] to check "
				+ "dictamesh.events.topics.replication-factor (3)");
	}

	@Test
	void leavesTheReplicationToWhoeverCreatesTheTopicsWhenKafkaAdminCreatesNone(EmbeddedKafkaBroker broker) {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
					"spring.kafka.admin.auto-create=false", "dictamesh.events.topics.replication-factor=3")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
