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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.EventsConfigurationException;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.JsonEventSerializer;
import com.dictamesh.events.kafka.KafkaEventPublisher;
import com.dictamesh.events.kafka.TopicResolver;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.util.ReflectionTestUtils;

import static com.dictamesh.events.autoconfigure.StartupFailures.analyze;
import static com.dictamesh.events.autoconfigure.StartupFailures.findCause;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DictameshEventsAutoConfiguration}.
 */
class DictameshEventsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DictameshEventsAutoConfiguration.class))
		.withPropertyValues("spring.application.name=products-adapter", "spring.kafka.admin.auto-create=false",
				"dictamesh.events.consumer.auto-startup=false");

	@Test
	void masksKafkaAndRegistryCredentialsInTheEnvAndConfigpropsEndpointsWhateverTheyShow() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean("dictameshCredentialsSanitizingFunction",
					SanitizingFunction.class);
			for (String key : List.of("spring.kafka.properties.sasl.jaas.config", "spring.kafka.ssl.key-password",
					"spring.kafka.ssl.trust-store-password", "dictamesh.events.avro.basic-auth-user-info",
					"dictamesh.events.avro.properties.basic.auth.user.info")) {
				assertThat(function.applyUnlessFiltered(new SanitizableData(null, key, "secret")).getValue()).as(key)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(function
				.applyUnlessFiltered(new SanitizableData(null, "spring.kafka.bootstrap-servers", "kafka:9092"))
				.getValue()).isEqualTo("kafka:9092");
		});
	}

	@Test
	void sendsAndDeliveriesAreNotObservedWithoutATracer() {
		this.contextRunner.run((context) -> {
			assertThat(templateObserved(context)).isFalse();
			assertThat(containerFactory(context).getContainerProperties().isObservationEnabled()).isFalse();
		});
	}

	@Test
	void sendsAndDeliveriesAreObservedWhenATracerIsPresent() {
		this.contextRunner.withBean(Tracer.class, () -> Tracer.NOOP).run((context) -> {
			assertThat(templateObserved(context)).isTrue();
			assertThat(containerFactory(context).getContainerProperties().isObservationEnabled()).isTrue();
		});
	}

	@Test
	void springKafkasObservationPropertiesObserveWithoutATracer() {
		this.contextRunner
			.withPropertyValues("spring.kafka.template.observation-enabled=true",
					"spring.kafka.listener.observation-enabled=true")
			.run((context) -> {
				assertThat(templateObserved(context)).isTrue();
				assertThat(containerFactory(context).getContainerProperties().isObservationEnabled()).isTrue();
			});
	}

	@Test
	void observationPropertiesDecideWhenSet() {
		this.contextRunner.withBean(Tracer.class, () -> Tracer.NOOP)
			.withPropertyValues("dictamesh.events.producer.observation-enabled=false",
					"dictamesh.events.consumer.observation-enabled=false")
			.run((context) -> {
				assertThat(templateObserved(context)).isFalse();
				assertThat(containerFactory(context).getContainerProperties().isObservationEnabled()).isFalse();
			});
		this.contextRunner
			.withPropertyValues("dictamesh.events.producer.observation-enabled=true",
					"dictamesh.events.consumer.observation-enabled=true")
			.run((context) -> {
				assertThat(templateObserved(context)).isTrue();
				assertThat(containerFactory(context).getContainerProperties().isObservationEnabled()).isTrue();
			});
	}

	private static boolean templateObserved(AssertableApplicationContext context) {
		KafkaTemplate<?, ?> template = context.getBean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME,
				KafkaTemplate.class);
		return (boolean) ReflectionTestUtils.getField(template, "observationEnabled");
	}

	@Test
	void providesPublisherSerializerTopicResolverAndHandlerContainersWithDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(EventPublisher.class)
				.hasSingleBean(EventSerializer.class)
				.hasSingleBean(TopicResolver.class)
				.hasSingleBean(EventHandlerContainers.class);
			assertThat(context.getBean(EventPublisher.class)).isInstanceOf(KafkaEventPublisher.class);
			assertThat(context.getBean(EventSerializer.class)).isInstanceOf(JsonEventSerializer.class);
			TopicResolver topics = context.getBean(TopicResolver.class);
			assertThat(topics.topicFor("entity.updated")).isEqualTo("dictamesh.entity.changed");
			assertThat(topics.topicFor("relationship.created")).isEqualTo("dictamesh.relationship.changed");
			assertThat(topics.topicFor("schema.registered")).isEqualTo("dictamesh.schema.changed");
			assertThat(topics.topicFor("cache.invalidated")).isEqualTo("dictamesh.cache.invalidation");
			assertThat(topics.topicFor("adapter.started")).isEqualTo("dictamesh.system.events");
			assertThat(topics.topicFor("order.placed")).isEqualTo("dictamesh.domain.events");
			assertThat(topics.deadLetterTopicFor("dictamesh.entity.changed")).isEqualTo("dictamesh.dead-letter");
		});
	}

	@Test
	void tunesItsOwnProducerAndLeavesTheApplicationsKafkaTemplateAlone() {
		this.contextRunner.run((context) -> {
			KafkaTemplate<?, ?> events = context.getBean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME,
					KafkaTemplate.class);
			Map<String, Object> config = events.getProducerFactory().getConfigurationProperties();
			assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
				.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
				.containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
				.containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
				.containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 65536)
				.containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
			KafkaTemplate<?, ?> application = context.getBean("kafkaTemplate", KafkaTemplate.class);
			assertThat(application.getProducerFactory().getConfigurationProperties())
				.doesNotContainKey(ProducerConfig.COMPRESSION_TYPE_CONFIG);
		});
	}

	@Test
	void keepsTheApplicationsKafkaTemplateTheOnlyOneToInject() {
		this.contextRunner.withUserConfiguration(NeedsKafkaTemplate.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(NeedsKafkaTemplate.class));
	}

	@Test
	void bindsProducerConsumerTopicAndRetryProperties() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.producer.acks=1", "dictamesh.events.producer.compression-type=zstd",
					"dictamesh.events.producer.linger=20ms", "dictamesh.events.producer.batch-size=128KB",
					"dictamesh.events.consumer.auto-offset-reset=latest", "dictamesh.events.topics.naming=per-type",
					"dictamesh.events.topics.prefix=acme.", "dictamesh.events.dead-letter.naming=per-topic",
					"dictamesh.events.topics.routes[order.*]=orders")
			.run((context) -> {
				Map<String, Object> producer = context
					.getBean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME, KafkaTemplate.class)
					.getProducerFactory()
					.getConfigurationProperties();
				assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "1")
					.containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
					.containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
					.containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
				Map<String, Object> consumer = containerFactory(context).getConsumerFactory()
					.getConfigurationProperties();
				assertThat(consumer).containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
					.containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
				TopicResolver topics = context.getBean(TopicResolver.class);
				assertThat(topics.topicFor("entity.created")).isEqualTo("acme.events.entity.created");
				assertThat(topics.topicFor("order.placed")).isEqualTo("orders");
				assertThat(topics.deadLetterTopicFor("acme.events.entity.created"))
					.isEqualTo("acme.events.entity.created-dlt");
			});
	}

	@Test
	void declaresTheCategoryTopicsAndTheDeadLetterTopic() {
		this.contextRunner.withPropertyValues("dictamesh.events.topics.partitions=6").run((context) -> {
			// NewTopics keeps its list package-private: read it as KafkaAdmin does.
			Collection<NewTopic> declared = ReflectionTestUtils
				.invokeMethod(context.getBean(KafkaAdmin.NewTopics.class), "getNewTopics");
			assertThat(declared).extracting(NewTopic::name)
				.containsExactlyInAnyOrder("dictamesh.entity.changed", "dictamesh.relationship.changed",
						"dictamesh.schema.changed", "dictamesh.cache.invalidation", "dictamesh.system.events",
						"dictamesh.domain.events", "dictamesh.dead-letter");
			assertThat(declared).allSatisfy((topic) -> {
				assertThat(topic.numPartitions()).isEqualTo(6);
				assertThat(topic.replicationFactor()).isEqualTo((short) 1);
				assertThat(topic.configs()).containsEntry("retention.ms", "604800000");
			});
			assertThat(declared).filteredOn((topic) -> topic.name().equals("dictamesh.schema.changed"))
				.singleElement()
				.satisfies((topic) -> assertThat(topic.configs()).containsEntry("cleanup.policy", "compact"));
		});
	}

	@Test
	void declaresNoTopicsWhenDeclarationIsOff() {
		this.contextRunner.withPropertyValues("dictamesh.events.topics.declare=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaAdmin.NewTopics.class));
	}

	@Test
	void createsOneContainerPerGroupWithTheApplicationNameAsDefaultGroup() {
		this.contextRunner.withUserConfiguration(TwoHandlersInOneGroupAndOneInAnother.class).run((context) -> {
			Map<String, MessageListenerContainer> containers = context.getBean(EventHandlerContainers.class)
				.getContainers();
			assertThat(containers).containsOnlyKeys("products-adapter", "audit");
			assertThat(containers.get("products-adapter").getContainerProperties().getTopics())
				.containsExactly("dictamesh.entity.changed");
			assertThat(containers.get("audit").getContainerProperties().getTopics())
				.containsExactlyInAnyOrder("dictamesh.entity.changed", "dictamesh.relationship.changed");
		});
	}

	@Test
	void namesEachGroupsConsumersAfterTheApplicationsClientIdAndTheGroup() {
		this.contextRunner.withUserConfiguration(TwoHandlersInOneGroupAndOneInAnother.class)
			.withPropertyValues("spring.kafka.client-id=orders")
			.run((context) -> {
				Map<String, MessageListenerContainer> containers = context.getBean(EventHandlerContainers.class)
					.getContainers();
				// Spring Kafka adds each consumer's index: orders-audit-0, and on.
				assertThat(containers.get("products-adapter").getContainerProperties().getClientId())
					.isEqualTo("orders-products-adapter");
				assertThat(containers.get("audit").getContainerProperties().getClientId()).isEqualTo("orders-audit");
			});
		// Without one, Kafka's own names (consumer-<group>-<n>) are already apart.
		this.contextRunner.withUserConfiguration(TwoHandlersInOneGroupAndOneInAnother.class)
			.run((context) -> assertThat(context.getBean(EventHandlerContainers.class).getContainers().values())
				.allSatisfy((container) -> assertThat(container.getContainerProperties().getClientId()).isEmpty()));
	}

	@Test
	void backsOffWhenUserDefinesEventPublisher() {
		this.contextRunner.withUserConfiguration(UserEventPublisher.class).run((context) -> {
			assertThat(context).hasSingleBean(EventPublisher.class);
			assertThat(context.getBean(EventPublisher.class)).isSameAs(context.getBean("userPublisher"));
		});
	}

	@Test
	void backsOffWhenUserDefinesEventSerializerTopicResolverAndContainers() {
		this.contextRunner.withUserConfiguration(UserCollaborators.class).run((context) -> {
			assertThat(context.getBean(EventSerializer.class)).isSameAs(context.getBean("userSerializer"));
			assertThat(context.getBean(TopicResolver.class)).isSameAs(context.getBean("userTopicResolver"));
			assertThat(context.getBean(EventHandlerContainers.class)).isSameAs(context.getBean("userContainers"));
		});
	}

	@Test
	void backsOffWhenUserDefinesTheEventsKafkaTemplateAndContainerFactory() {
		this.contextRunner.withUserConfiguration(UserKafkaBeans.class).run((context) -> {
			assertThat(context.getBean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME))
				.isSameAs(UserKafkaBeans.TEMPLATE);
			assertThat(context.getBean(DictameshEventsAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME))
				.isSameAs(UserKafkaBeans.FACTORY);
		});
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("dictamesh.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventPublisher.class)
				.doesNotHaveBean(EventHandlerContainers.class));
	}

	@Test
	void failsFastWhenMaxAttemptsIsBelowOne() {
		this.contextRunner.withPropertyValues("dictamesh.events.retry.max-attempts=-1")
			.run((context) -> assertThat(analyze(context)).satisfies((analysis) -> {
				assertThat(analysis.getDescription())
					.contains("Invalid value '-1' for property 'dictamesh.events.retry.max-attempts'");
				assertThat(analysis.getAction()).contains("dictamesh.events.retry.max-attempts")
					.contains("1 (no retry) or more");
			}));
	}

	@Test
	void failsFastWhenBootstrapServersAreEmpty() {
		this.contextRunner.withPropertyValues("spring.kafka.bootstrap-servers=")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'spring.kafka.bootstrap-servers'"));
	}

	@Test
	void failsFastWhenCompressionIsUnknown() {
		this.contextRunner.withPropertyValues("dictamesh.events.producer.compression-type=brotli")
			.run((context) -> assertThat(analyze(context).getAction())
				.contains("dictamesh.events.producer.compression-type"));
	}

	@Test
	void failsFastWhenPartitionsAreBelowOne() {
		this.contextRunner.withPropertyValues("dictamesh.events.topics.partitions=0")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'dictamesh.events.topics.partitions'"));
	}

	@Test
	void setsMinInsyncReplicasOnTheDeclaredTopicsWhenAsked() {
		this.contextRunner.withPropertyValues("dictamesh.events.topics.min-insync-replicas=1").run((context) -> {
			Collection<NewTopic> declared = ReflectionTestUtils
				.invokeMethod(context.getBean(KafkaAdmin.NewTopics.class), "getNewTopics");
			assertThat(declared).isNotEmpty()
				.allSatisfy((topic) -> assertThat(topic.configs()).containsEntry("min.insync.replicas", "1"));
		});
		this.contextRunner.run((context) -> {
			Collection<NewTopic> declared = ReflectionTestUtils
				.invokeMethod(context.getBean(KafkaAdmin.NewTopics.class), "getNewTopics");
			assertThat(declared)
				.allSatisfy((topic) -> assertThat(topic.configs()).doesNotContainKey("min.insync.replicas"));
		});
	}

	@Test
	void failsFastWhenMinInsyncReplicasExceedTheReplicationFactor() {
		this.contextRunner.withPropertyValues("dictamesh.events.topics.min-insync-replicas=2").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("'dictamesh.events.topics.min-insync-replicas'")
				.contains("replication factor (1)");
			assertThat(analysis.getAction()).contains("dictamesh.events.topics.replication-factor");
		});
	}

	@Test
	void failsToBindAnUnknownTopicNamingAndNamesTheProperty() {
		this.contextRunner.withPropertyValues("dictamesh.events.topics.naming=by-colour").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("by-colour");
			assertThat(findCause(context.getStartupFailure(), BindException.class)).isNotNull()
				.satisfies((ex) -> assertThat(ex.getProperty().getName().toString())
					.isEqualTo("dictamesh.events.topics.naming"));
		});
	}

	@Test
	void failsToBindABadDurationAndNamesTheProperty() {
		this.contextRunner.withPropertyValues("dictamesh.events.retry.initial-interval=soon").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(findCause(context.getStartupFailure(), BindException.class)).isNotNull()
				.satisfies((ex) -> assertThat(ex.getProperty().getName().toString())
					.isEqualTo("dictamesh.events.retry.initial-interval"));
		});
	}

	@Test
	void failsFastWithTheFixWhenTheProducerFactoryCannotBeCopiedWithTheStartersSettings() {
		this.contextRunner.withUserConfiguration(UncopiableProducerFactory.class).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains(OwnProducerFactory.class.getName())
				.contains("'dictameshKafkaTemplate'")
				.contains("copyWithConfigurationOverride is not supported");
			assertThat(analysis.getAction()).contains("DefaultKafkaProducerFactory")
				.contains("KafkaTemplate<byte[], byte[]> bean named 'dictameshKafkaTemplate'");
		});
		this.contextRunner.withUserConfiguration(ProducerFactoryOfOtherCopies.class).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.contains("copyWithConfigurationOverride returns a " + OwnProducerFactory.class.getName());
		});
	}

	@Test
	void startsOnAProducerFactoryItCannotCopyWhenTheApplicationDefinesTheStartersTemplate() {
		this.contextRunner.withUserConfiguration(UncopiableProducerFactory.class, OwnStarterTemplate.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME))
					.isSameAs(context.getBean(OwnStarterTemplate.class).template);
			});
	}

	@Test
	void failsFastWhenAHandlerHasNoConsumerGroup() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
					DictameshEventsAutoConfiguration.class))
			.withPropertyValues("spring.kafka.admin.auto-create=false")
			.withUserConfiguration(TwoHandlersInOneGroupAndOneInAnother.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("has no consumer group");
				assertThat(analysis.getAction())
					.contains("spring.application.name or dictamesh.events.consumer.group-id");
			});
	}

	@Test
	void failsFastWhenAHandlerBackoffIsNotADuration() {
		this.contextRunner.withUserConfiguration(HandlerWithBadBackoff.class).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("backoff 'soon'");
			assertThat(analysis.getAction()).contains("500ms");
		});
	}

	@Test
	void failsFastWhenAGroupMixesBatchAndRecordHandlers() {
		this.contextRunner.withUserConfiguration(BatchAndRecordHandlersInOneGroup.class).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("has batch handlers (a List<Event> parameter) and record");
			assertThat(analysis.getAction()).contains("groupId of their own");
		});
	}

	@Test
	void failsFastWhenAHandlerDeclaresTwoDataParameters() {
		this.contextRunner.withUserConfiguration(HandlerWithTwoDataParameters.class)
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("more than one parameter for the event's data"));
	}

	@SuppressWarnings("unchecked")
	private static ConcurrentKafkaListenerContainerFactory<byte[], byte[]> containerFactory(
			AssertableApplicationContext context) {
		return context.getBean(DictameshEventsAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME,
				ConcurrentKafkaListenerContainerFactory.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsKafkaTemplate {

		NeedsKafkaTemplate(KafkaTemplate<?, ?> kafkaTemplate) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UncopiableProducerFactory {

		@Bean
		ProducerFactory<Object, Object> kafkaProducerFactory() {
			return new OwnProducerFactory();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProducerFactoryOfOtherCopies {

		@Bean
		ProducerFactory<Object, Object> kafkaProducerFactory() {
			return new OwnProducerFactory() {

				@Override
				public ProducerFactory<Object, Object> copyWithConfigurationOverride(
						@Nullable Map<String, Object> overrideProperties) {
					return new OwnProducerFactory();
				}

			};
		}

	}

	/**
	 * A producer factory of the application's own, which makes no copies.
	 */
	static class OwnProducerFactory implements ProducerFactory<Object, Object> {

		@Override
		public Producer<Object, Object> createProducer() {
			throw new IllegalStateException("Not for sending");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStarterTemplate {

		final KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(Map.of(), new ByteArraySerializer(), new ByteArraySerializer()));

		@Bean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME)
		KafkaTemplate<byte[], byte[]> dictameshKafkaTemplate() {
			return this.template;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoHandlersInOneGroupAndOneInAnother {

		@DictameshEventHandler("entity.created")
		void onCreated(Event event) {
		}

		@DictameshEventHandler("entity.deleted")
		void onDeleted(Event event) {
		}

		@DictameshEventHandler(types = { "entity.*", "relationship.*" }, groupId = "audit")
		void audit(Event event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BatchAndRecordHandlersInOneGroup {

		@DictameshEventHandler("entity.created")
		void one(Event event) {
		}

		@DictameshEventHandler("entity.deleted")
		void many(java.util.List<Event> events) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerWithBadBackoff {

		@DictameshEventHandler(types = "entity.created", backoff = "soon")
		void onCreated(Event event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerWithTwoDataParameters {

		@DictameshEventHandler("entity.created")
		void onCreated(Map<String, Object> data, String other) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEventPublisher {

		@Bean
		EventPublisher userPublisher() {
			return (event) -> CompletableFuture.<PublishResult>failedFuture(new IllegalStateException("not here"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCollaborators {

		@Bean
		EventSerializer userSerializer() {
			return new JsonEventSerializer(new JsonMapper());
		}

		@Bean
		TopicResolver userTopicResolver() {
			return new TopicResolver() {

				@Override
				public String topicFor(String eventType) {
					return "everything";
				}

				@Override
				public String deadLetterTopicFor(String topic) {
					return "everything-dlt";
				}
			};
		}

		@Bean
		EventHandlerContainers userContainers(TopicResolver topicResolver, EventSerializer serializer) {
			return new EventHandlerContainers(new com.dictamesh.events.kafka.EventHandlerRegistry(),
					new ConcurrentKafkaListenerContainerFactory<>(), UserKafkaBeans.TEMPLATE, topicResolver, serializer,
					new EventHandlerContainers.Settings("g", 1, 1, java.time.Duration.ZERO, 1.0,
							java.time.Duration.ZERO, java.util.List.of(), false),
					() -> com.dictamesh.events.kafka.EventHandlerExecution.DIRECT);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserKafkaBeans {

		static final KafkaTemplate<byte[], byte[]> TEMPLATE = new KafkaTemplate<>(
				new org.springframework.kafka.core.DefaultKafkaProducerFactory<>(Map.of()));

		static final ConcurrentKafkaListenerContainerFactory<byte[], byte[]> FACTORY = new ConcurrentKafkaListenerContainerFactory<>();

		@Bean(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME)
		KafkaTemplate<byte[], byte[]> dictameshKafkaTemplate() {
			return TEMPLATE;
		}

		@Bean(DictameshEventsAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME)
		ConcurrentKafkaListenerContainerFactory<byte[], byte[]> dictameshListenerContainerFactory() {
			FACTORY.setConsumerFactory(new org.springframework.kafka.core.DefaultKafkaConsumerFactory<>(Map.of()));
			return FACTORY;
		}

	}

}
