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
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.dictamesh.events.actuate.ConsumerLagHealthIndicator;
import com.dictamesh.events.actuate.ConsumerLagReader;
import com.dictamesh.events.actuate.DeadLetterMonitor;
import com.dictamesh.events.actuate.DeadLettersHealthIndicator;
import com.dictamesh.events.actuate.KafkaClusterReader;
import com.dictamesh.events.actuate.KafkaHealthIndicator;
import com.dictamesh.events.actuate.OutboxBacklogReader;
import com.dictamesh.events.actuate.OutboxHealthIndicator;
import com.dictamesh.events.kafka.DeadLetterNaming;
import com.dictamesh.events.kafka.DeclaredTopics;
import com.dictamesh.events.kafka.DictameshTopicResolver;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.KafkaAccessDenials;
import com.dictamesh.events.kafka.TopicResolver;
import com.dictamesh.events.outbox.OutboxRepository;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Auto-configuration of the Actuator health of DictaMesh events: the figures refreshed in
 * the background (cluster, consumer lag, outbox backlog, dead letters) and the health
 * indicators {@code kafka}, {@code dictameshConsumerLag}, {@code dictameshOutbox} and
 * {@code dictameshDeadLetters} that read them, each switchable with
 * {@code management.health.<name>.enabled}.
 */
@AutoConfiguration(after = { DictameshEventsAutoConfiguration.class, DictameshOutboxAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ KafkaAdmin.class, EventHandlerContainers.class })
@ConditionalOnBooleanProperty(name = "dictamesh.events.health.enabled", matchIfMissing = true)
public final class DictameshHealthAutoConfiguration {

	/**
	 * Name of the admin client that reads the figures.
	 */
	public static final String ADMIN_BEAN_NAME = "dictameshHealthAdmin";

	private final DictameshEventsProperties.Health health;

	private final Clock clock = Clock.systemUTC();

	DictameshHealthAutoConfiguration(DictameshEventsProperties properties) {
		this.health = properties.getHealth();
	}

	@Bean(name = ADMIN_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = ADMIN_BEAN_NAME)
	Admin dictameshHealthAdmin(KafkaAdmin kafkaAdmin) {
		Map<String, Object> configs = new HashMap<>(kafkaAdmin.getConfigurationProperties());
		int timeout = (int) this.health.getTimeout().toMillis();
		// A call to an absent broker fails within the timeout instead of the client's
		// minute-long defaults.
		configs.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
		configs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
		configs.put(AdminClientConfig.CLIENT_ID_CONFIG, "dictamesh-health");
		return Admin.create(configs);
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaClusterReader dictameshKafkaClusterReader(@Qualifier(ADMIN_BEAN_NAME) Admin admin, KafkaAdmin kafkaAdmin,
			ObjectProvider<KafkaAccessDenials> accessDenials, ObjectProvider<DeclaredTopics> declaredTopics) {
		KafkaClusterReader reader = new KafkaClusterReader(admin, this.health.getRefreshInterval(),
				this.health.getTimeout(), this.clock);
		// With KafkaAdmin's auto-create off, someone else creates the topics: only look.
		declaredTopics.ifAvailable((topics) -> reader.setDeclaredTopics(topics,
				TopicReplicationCheck.createsTopics(kafkaAdmin) ? kafkaAdmin : null, accessDenials.getIfAvailable()));
		// The health check authenticates as the application does: once it is accepted,
		// the refused credentials of the other clients are history.
		accessDenials.ifAvailable((denials) -> reader.onRefresh((snapshot) -> {
			if (snapshot.value() != null) {
				denials.authenticated();
			}
		}));
		reader
			.setFailureDescriber(accessFailureDescriber("the health check", KafkaAccessDenials.Role.ADMIN, kafkaAdmin));
		return reader;
	}

	/**
	 * Return what a figure read through the admin client says of a failure: the missing
	 * ACL and its fix when the cluster refused access.
	 */
	private static Function<Throwable, String> accessFailureDescriber(String client, KafkaAccessDenials.Role role,
			KafkaAdmin kafkaAdmin) {
		String principal = KafkaAccessDenials.principalOf(kafkaAdmin.getConfigurationProperties());
		return (cause) -> KafkaAccessDenials.explain(client, role, cause, principal);
	}

	@Bean
	@ConditionalOnMissingBean
	ConsumerLagReader dictameshConsumerLagReader(@Qualifier(ADMIN_BEAN_NAME) Admin admin,
			EventHandlerContainers containers, KafkaAdmin kafkaAdmin) {
		ConsumerLagReader reader = new ConsumerLagReader(admin, () -> topicsByGroup(containers),
				this.health.getRefreshInterval(), this.health.getTimeout(), this.clock);
		reader.setFailureDescriber(
				accessFailureDescriber("the consumer lag check", KafkaAccessDenials.Role.ADMIN, kafkaAdmin));
		return reader;
	}

	private static Map<String, Collection<String>> topicsByGroup(EventHandlerContainers containers) {
		Map<String, Collection<String>> topics = new LinkedHashMap<>();
		containers.getContainers().forEach((group, container) -> topics.put(group, topicsOf(container)));
		return topics;
	}

	private static List<String> topicsOf(MessageListenerContainer container) {
		String[] topics = container.getContainerProperties().getTopics();
		return (topics != null) ? Arrays.asList(topics) : List.of();
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetterMonitor dictameshDeadLetterMonitor(@Qualifier(ADMIN_BEAN_NAME) Admin admin,
			EventHandlerContainers containers, TopicResolver topicResolver, ConsumerFactory<?, ?> consumerFactory,
			DictameshEventsProperties properties, KafkaAdmin kafkaAdmin) {
		Map<String, Object> configs = new HashMap<>(consumerFactory.getConfigurationProperties());
		configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
		configs.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "dictamesh-dead-letter-monitor");
		configs.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) this.health.getTimeout().toMillis());
		configs.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.health.getTimeout().toMillis());
		DeadLetterMonitor monitor = new DeadLetterMonitor(admin,
				() -> deadLetterTopics(containers, topicResolver, properties),
				() -> new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
				this.health.getDeadLetterSummaries(), this.health.getRefreshInterval(), this.health.getTimeout(),
				this.clock);
		monitor.setFailureDescriber(
				accessFailureDescriber("the dead-letter check", KafkaAccessDenials.Role.CONSUMER, kafkaAdmin));
		return monitor;
	}

	private static Set<String> deadLetterTopics(EventHandlerContainers containers, TopicResolver topicResolver,
			DictameshEventsProperties properties) {
		Set<String> topics = new LinkedHashSet<>();
		if (topicResolver instanceof DictameshTopicResolver resolver
				&& properties.getDeadLetter().getNaming() == DeadLetterNaming.SHARED) {
			topics.add(resolver.sharedDeadLetterTopic());
		}
		containers.getContainers()
			.values()
			.forEach((container) -> topicsOf(container)
				.forEach((topic) -> topics.add(topicResolver.deadLetterTopicFor(topic))));
		return topics;
	}

	@Bean
	@ConditionalOnEnabledHealthIndicator("kafka")
	@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
	KafkaHealthIndicator kafkaHealthIndicator(KafkaClusterReader reader, ObjectProvider<KafkaAccessDenials> denials) {
		return new KafkaHealthIndicator(reader, denials.getIfAvailable(), this.clock);
	}

	@Bean
	@ConditionalOnEnabledHealthIndicator("dictameshConsumerLag")
	@ConditionalOnMissingBean(name = "dictameshConsumerLagHealthIndicator")
	ConsumerLagHealthIndicator dictameshConsumerLagHealthIndicator(ConsumerLagReader reader) {
		return new ConsumerLagHealthIndicator(reader, this.health.getLagThreshold(), this.health.getLagDetails(),
				this.clock);
	}

	@Bean
	@ConditionalOnEnabledHealthIndicator("dictameshDeadLetters")
	@ConditionalOnMissingBean(name = "dictameshDeadLettersHealthIndicator")
	DeadLettersHealthIndicator dictameshDeadLettersHealthIndicator(DeadLetterMonitor monitor) {
		return new DeadLettersHealthIndicator(monitor, this.clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OutboxRepository.class)
	static class OutboxConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OutboxBacklogReader dictameshOutboxBacklogReader(OutboxRepository repository,
				DictameshEventsProperties properties) {
			DictameshEventsProperties.Health health = properties.getHealth();
			return new OutboxBacklogReader(repository, health.getRefreshInterval(), health.getTimeout(),
					Clock.systemUTC());
		}

		@Bean
		@ConditionalOnEnabledHealthIndicator("dictameshOutbox")
		@ConditionalOnMissingBean(name = "dictameshOutboxHealthIndicator")
		OutboxHealthIndicator dictameshOutboxHealthIndicator(OutboxBacklogReader reader,
				DictameshEventsProperties properties) {
			Duration threshold = properties.getHealth().getOutboxAgeThreshold();
			return new OutboxHealthIndicator(reader, threshold, Clock.systemUTC());
		}

	}

}
