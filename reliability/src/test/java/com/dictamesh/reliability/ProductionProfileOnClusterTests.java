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
package com.dictamesh.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.dictamesh.demo.KafkaCluster;
import com.dictamesh.events.EventsConfigurationException;
import com.dictamesh.reliability.secure.OutputRecorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The production profile ({@code dictamesh.events.profile=production}) against a real
 * cluster of three brokers: the topics it declares, and the topics that exist already
 * weaker than it needs.
 */
class ProductionProfileOnClusterTests {

	@TempDir
	static Path directory;

	private static KafkaCluster cluster;

	private static Admin admin;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = new KafkaCluster(directory.resolve("cluster"), 3, Map.of());
		cluster.start(Duration.ofMinutes(3));
		admin = cluster.admin();
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (admin != null) {
			admin.close();
		}
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void declaresItsTopicsWithThreeReplicasOfWhichTwoMustHaveEachRecord() throws Exception {
		try (ConfigurableApplicationContext context = start("declared.", Map.of())) {
			assertThat(context.isRunning()).isTrue();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(replicas("declared.entity.changed")).isEqualTo(3);
			assertThat(replicas("declared.dead-letter")).isEqualTo(3);
		});
		awaitConfig("declared.entity.changed", "min.insync.replicas", "2");
		awaitConfig("declared.entity.changed", "retention.ms", String.valueOf(Duration.ofDays(30).toMillis()));
	}

	@Test
	void refusesToStartOnAnExistingTopicWithFewerReplicas() throws Exception {
		admin.createTopics(List.of(new NewTopic("thin.entity.changed", 1, (short) 1))).all().get();
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> start("thin.", Map.of())).satisfies((ex) -> {
			EventsConfigurationException cause = cause(ex);
			assertThat(cause.getMessage()).contains("thin.entity.changed has 1 replica(s)")
				.contains("declared (3 replicas, min.insync.replicas 2)")
				.contains("The production profile (dictamesh.events.profile) refuses them");
			assertThat(cause.getAction()).contains("kafka-reassign-partitions.sh");
		});
	}

	@Test
	void onlyWarnsOfAnExistingTopicWithFewerReplicasOutsideTheProductionProfile() throws Exception {
		admin.createTopics(List.of(new NewTopic("dev.entity.changed", 1, (short) 1))).all().get();
		// Spring Boot sets up logging as the application starts: read what it printed.
		try (OutputRecorder output = OutputRecorder.start()) {
			try (ConfigurableApplicationContext context = start("dev.", Map.of("dictamesh.events.profile",
					"development", "dictamesh.events.topics.replication-factor", 3))) {
				assertThat(context.isRunning()).isTrue();
			}
			assertThat(output.output()).contains("WARN")
				.contains("Existing topics at")
				.contains("dev.entity.changed has 1 replica(s)");
		}
	}

	@Test
	void refusesAnExistingTopicWithALowerMinInsyncReplicasUnlessKafkaAdminMayRaiseIt() throws Exception {
		admin
			.createTopics(List
				.of(new NewTopic("loose.entity.changed", 1, (short) 3).configs(Map.of("min.insync.replicas", "1"))))
			.all()
			.get();
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> start("loose.", Map.of()))
			.satisfies((ex) -> assertThat(cause(ex).getMessage())
				.contains("loose.entity.changed has min.insync.replicas 1"));
		try (ConfigurableApplicationContext context = start("loose.",
				Map.of("spring.kafka.admin.modify-topic-configs", true))) {
			assertThat(context.isRunning()).isTrue();
		}
		awaitConfig("loose.entity.changed", "min.insync.replicas", "2");
	}

	private static ConfigurableApplicationContext start(String prefix, Map<String, Object> properties) {
		Map<String, Object> all = new HashMap<>();
		all.put("spring.application.name", "production-profile");
		all.put("spring.kafka.bootstrap-servers", cluster.bootstrapServers());
		all.put("spring.datasource.url", "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1");
		all.put("spring.sql.init.mode", "never");
		all.put("dictamesh.events.profile", "production");
		all.put("dictamesh.events.topics.prefix", prefix);
		all.put("dictamesh.events.topics.partitions", 1);
		all.put("dictamesh.events.health.enabled", false);
		all.putAll(properties);
		return new SpringApplicationBuilder(ProfileApplication.class).web(WebApplicationType.NONE)
			.properties(all)
			.run();
	}

	private static EventsConfigurationException cause(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof EventsConfigurationException configuration) {
				return configuration;
			}
		}
		throw new AssertionError("No EventsConfigurationException in " + failure, failure);
	}

	private static int replicas(String topic) throws Exception {
		return admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.get(0)
			.replicas()
			.size();
	}

	/**
	 * Wait for a topic's configuration to read as expected. The controller has applied a
	 * change when KafkaAdmin's call returns, but {@code describeConfigs} asks any one
	 * broker, which may not have caught up with the controller yet: a CI run read the old
	 * {@code min.insync.replicas} straight after the application had raised it.
	 */
	private static void awaitConfig(String topic, String name, String expected) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(config(topic, name)).isEqualTo(expected));
	}

	private static String config(String topic, String name) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
		return config.get(name).value();
	}

	/**
	 * An application of the starter alone.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ProfileApplication {

	}

}
