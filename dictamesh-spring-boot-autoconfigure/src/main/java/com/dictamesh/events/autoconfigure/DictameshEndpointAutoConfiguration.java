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
import java.util.HashMap;
import java.util.Map;

import com.dictamesh.events.actuate.ConsumerLagReader;
import com.dictamesh.events.actuate.DeadLetterBrowser;
import com.dictamesh.events.actuate.DeadLetterMonitor;
import com.dictamesh.events.actuate.DeadLetterRedriver;
import com.dictamesh.events.actuate.DictameshEndpoint;
import com.dictamesh.events.actuate.OffsetReplayer;
import com.dictamesh.events.actuate.OutboxBacklogReader;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.KafkaAccessDenials;
import com.dictamesh.events.kafka.TopicResolver;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration of the {@code dictamesh} actuator endpoint and what it runs on: the
 * {@link DeadLetterBrowser}, the {@link DeadLetterRedriver} with its parking topic, and
 * the {@link OffsetReplayer}.
 */
@AutoConfiguration(after = { DictameshEventsAutoConfiguration.class, DictameshHealthAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(EventHandlerContainers.class)
@ConditionalOnAvailableEndpoint(DictameshEndpoint.class)
@EnableConfigurationProperties(DictameshEventsProperties.class)
public final class DictameshEndpointAutoConfiguration {

	private final DictameshEventsProperties properties;

	DictameshEndpointAutoConfiguration(DictameshEventsProperties properties) {
		this.properties = properties;
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterBrowser dictameshDeadLetterBrowser(ConsumerFactory<?, ?> consumerFactory, EventSerializer serializer) {
		Map<String, Object> configs = new HashMap<>(consumerFactory.getConfigurationProperties());
		// A reader that belongs to no group commits nothing and takes no partition from
		// the handlers.
		configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
		configs.remove(ConsumerConfig.CLIENT_ID_CONFIG);
		configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		configs.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return new DeadLetterBrowser(
				() -> new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
				serializer, Duration.ofSeconds(10));
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterRedriver dictameshDeadLetterRedriver(DeadLetterBrowser browser,
			@Qualifier(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME) KafkaTemplate<byte[], byte[]> template) {
		// Without an observation of its own, the template sends the traceparent the
		// record carries, so the original trace continues in the handler.
		KafkaTemplate<byte[], byte[]> redriveTemplate = new KafkaTemplate<>(template.getProducerFactory());
		redriveTemplate.setAllowNonTransactional(true);
		DictameshEventsProperties.DeadLetter deadLetter = this.properties.getDeadLetter();
		return new DeadLetterRedriver(browser, redriveTemplate, deadLetter.getMaxRedrives(), parkingTopic());
	}

	private String parkingTopic() {
		return this.properties.getTopics().getPrefix() + this.properties.getDeadLetter().getParkingTopic();
	}

	@Bean
	@ConditionalOnMissingBean
	OffsetReplayer dictameshOffsetReplayer(EventHandlerContainers containers, KafkaAdmin kafkaAdmin) {
		return new OffsetReplayer(containers, () -> Admin.create(kafkaAdmin.getConfigurationProperties()));
	}

	@Bean
	@ConditionalOnMissingBean
	DictameshEndpoint dictameshEndpoint(EventHandlerContainers containers, TopicResolver topicResolver,
			DeadLetterBrowser browser, DeadLetterRedriver redriver, OffsetReplayer replayer,
			ObjectProvider<ConsumerLagReader> lagReader, ObjectProvider<OutboxBacklogReader> outboxReader,
			ObjectProvider<DeadLetterMonitor> deadLetterMonitor, ObjectProvider<KafkaAccessDenials> accessDenials) {
		DictameshEndpoint endpoint = new DictameshEndpoint(containers, topicResolver, browser, redriver, replayer,
				this.properties.getEndpoint().isWriteOperationsEnabled());
		// The figures the health indicators cache, when Actuator's health support runs.
		endpoint.setLagReader(lagReader.getIfUnique());
		endpoint.setOutboxReader(outboxReader.getIfUnique());
		endpoint.setDeadLetterMonitor(deadLetterMonitor.getIfUnique());
		endpoint.setAccessDenials(accessDenials.getIfUnique());
		return endpoint;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "dictamesh.events.topics.declare", matchIfMissing = true)
	@ConditionalOnBean(KafkaAdmin.class)
	static class ParkingTopicConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "dictameshParkingTopic")
		KafkaAdmin.NewTopics dictameshParkingTopic(DictameshEventsProperties properties) {
			DictameshEventsProperties.Topics topics = properties.getTopics();
			return new KafkaAdmin.NewTopics(
					TopicBuilder.name(topics.getPrefix() + properties.getDeadLetter().getParkingTopic())
						.partitions(topics.getPartitions())
						.replicas(topics.getReplicationFactor())
						.config("retention.ms", String.valueOf(topics.getRetention().toMillis()))
						.build());
		}

	}

}
