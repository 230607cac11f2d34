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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.dictamesh.events.EventEnricher;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.EventsConfigurationException;
import com.dictamesh.events.autoconfigure.DictameshEventsProperties.Retry;
import com.dictamesh.events.avro.AvroEventSerializer;
import com.dictamesh.events.avro.AvroSerdeConfig;
import com.dictamesh.events.avro.SchemaRegistryClient;
import com.dictamesh.events.kafka.CausalContextEventEnricher;
import com.dictamesh.events.kafka.DeadLetterNaming;
import com.dictamesh.events.kafka.DeclaredTopics;
import com.dictamesh.events.kafka.DictameshEventHandlerBeanPostProcessor;
import com.dictamesh.events.kafka.DictameshTopicResolver;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventHandlerExecution;
import com.dictamesh.events.kafka.EventHandlingListener;
import com.dictamesh.events.kafka.EventHandlerRegistry;
import com.dictamesh.events.kafka.EventPublishListener;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.JsonEventSerializer;
import com.dictamesh.events.kafka.KafkaAccessDenials;
import com.dictamesh.events.kafka.KafkaEventPublisher;
import com.dictamesh.events.kafka.TopicResolver;
import com.dictamesh.events.kafka.TracingEventEnricher;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.CompositeProducerListener;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of DictaMesh events on Spring Boot's Kafka support: the
 * {@link EventPublisher}, the handler containers of {@code @DictameshEventHandler}
 * methods with their retries and dead-letter topic, and the topic declarations.
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnClass({ KafkaTemplate.class, JsonMapper.class })
@ConditionalOnBooleanProperty(name = "dictamesh.events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DictameshEventsProperties.class)
public final class DictameshEventsAutoConfiguration {

	/**
	 * Name of the Kafka template of byte arrays that publishes events and dead letters.
	 */
	public static final String KAFKA_TEMPLATE_BEAN_NAME = "dictameshKafkaTemplate";

	/**
	 * Name of the listener container factory of the handler containers.
	 */
	public static final String CONTAINER_FACTORY_BEAN_NAME = "dictameshListenerContainerFactory";

	private static final String TRACER_CLASS = "io.micrometer.tracing.Tracer";

	private static final Duration AUTH_EXCEPTION_RETRY_INTERVAL = Duration.ofSeconds(10);

	private final DictameshEventsProperties properties;

	private final Environment environment;

	DictameshEventsAutoConfiguration(DictameshEventsProperties properties, KafkaProperties kafkaProperties,
			Environment environment) {
		DictameshEventsPropertiesValidator.validate(properties, kafkaProperties.getBootstrapServers());
		this.properties = properties;
		this.environment = environment;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "dictamesh.events.serialization.format", havingValue = "json", matchIfMissing = true)
	EventSerializer dictameshEventSerializer(ObjectProvider<JsonMapper> jsonMapper) {
		return new JsonEventSerializer(jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean
	TopicResolver dictameshTopicResolver() {
		DictameshEventsProperties.Topics topics = this.properties.getTopics();
		return new DictameshTopicResolver(topics.getNaming(), topics.getPrefix(), topics.getDefaultTopic(),
				topics.getRoutes(), this.properties.getDeadLetter().getNaming(),
				this.properties.getDeadLetter().getTopic());
	}

	@Bean(name = KAFKA_TEMPLATE_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = KAFKA_TEMPLATE_BEAN_NAME)
	@SuppressWarnings({ "unchecked", "rawtypes" })
	KafkaTemplate<byte[], byte[]> dictameshKafkaTemplate(ProducerFactory<?, ?> producerFactory,
			ObjectProvider<ProducerListener<Object, Object>> producerListener, KafkaProperties kafkaProperties,
			ListableBeanFactory beanFactory, KafkaAccessDenials accessDenials) {
		DictameshEventsProperties.Producer producer = this.properties.getProducer();
		KafkaTemplate<byte[], byte[]> template = copyTemplate(producerFactory,
				producerOverrides(producerFactory, producer, "dictamesh"), KAFKA_TEMPLATE_BEAN_NAME, "");
		template.setObservationEnabled(observed(producer.getObservationEnabled(),
				kafkaProperties.getTemplate().isObservationEnabled(), beanFactory));
		// Publish inside a Kafka transaction when there is one, and without one
		// otherwise.
		template.setAllowNonTransactional(true);
		CompositeProducerListener<byte[], byte[]> listeners = new CompositeProducerListener<>();
		producerListener.ifAvailable((listener) -> listeners.addDelegate((ProducerListener) listener));
		// Closed on another thread than the producer's own, whose callback this is; the
		// next send opens a new producer.
		listeners.addDelegate(accessDenials.producerListener("publisher",
				() -> CompletableFuture.runAsync(template.getProducerFactory()::reset)));
		template.setProducerListener(listeners);
		return template;
	}

	/**
	 * Return whether the starter's sends or deliveries are observed: as its property says
	 * when set; otherwise when Spring Kafka's own property asks for it or a tracer is
	 * present. Without a tracer an observation only times what the starter's own meters
	 * already time, and it costs about half the publish rate (benchmark S1o).
	 */
	static boolean observed(@Nullable Boolean configured, boolean springKafkaSetting, ListableBeanFactory beanFactory) {
		if (configured != null) {
			return configured;
		}
		return springKafkaSetting || (ClassUtils.isPresent(TRACER_CLASS, beanFactory.getClass().getClassLoader())
				&& TracerPresence.hasTracer(beanFactory));
	}

	/**
	 * Return the producer settings of one of the starter's templates: byte arrays, the
	 * dictamesh.events.producer tuning, and a client id of its own where the application
	 * set one.
	 * @param producerFactory the application's producer factory, which the template
	 * copies with these settings
	 * @param producer the dictamesh.events.producer settings
	 * @param client what the template's producer is for, added to the application's
	 * client id
	 */
	static Map<String, Object> producerOverrides(ProducerFactory<?, ?> producerFactory,
			DictameshEventsProperties.Producer producer, String client) {
		Map<String, Object> overrides = new HashMap<>();
		// Each copy of a producer factory numbers its producers from 1: with the
		// application's spring.kafka.client-id, its producer and the starter's would all
		// be "<client-id>-1", one name for their metrics, log lines and JMX beans.
		if (producerFactory.getConfigurationProperties().get(ProducerConfig.CLIENT_ID_CONFIG) instanceof String clientId
				&& !clientId.isEmpty()) {
			overrides.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + client);
		}
		overrides.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		overrides.put(ProducerConfig.ACKS_CONFIG, producer.getAcks());
		overrides.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, producer.isIdempotence());
		overrides.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, producer.getCompressionType());
		overrides.put(ProducerConfig.LINGER_MS_CONFIG, (int) producer.getLinger().toMillis());
		overrides.put(ProducerConfig.BATCH_SIZE_CONFIG, (int) producer.getBatchSize().toBytes());
		return overrides;
	}

	/**
	 * Return a template on the template's own copy of the application's producer factory,
	 * with the given settings. The copy must be a {@link DefaultKafkaProducerFactory}:
	 * the template manages its life cycle, and the starter closes and replaces its
	 * producers after a failed send, which other factories may silently ignore. Spring
	 * Kafka would otherwise fail later with an {@link UnsupportedOperationException} or a
	 * {@link ClassCastException} that names neither the factory nor the fix.
	 * @param producerFactory the application's producer factory
	 * @param overrides the settings of the copy
	 * @param beanName the name of the template bean, which an application may define
	 * instead
	 * @param also what else such a bean needs, or an empty string
	 * @throws EventsConfigurationException if the factory makes no such copy
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static KafkaTemplate<byte[], byte[]> copyTemplate(ProducerFactory<?, ?> producerFactory,
			Map<String, Object> overrides, String beanName, String also) {
		Object copy;
		try {
			copy = producerFactory.copyWithConfigurationOverride(overrides);
		}
		catch (UnsupportedOperationException ex) {
			copy = null;
		}
		if (!(copy instanceof DefaultKafkaProducerFactory)) {
			throw new EventsConfigurationException(
					"The application's ProducerFactory bean (" + producerFactory.getClass().getName()
							+ ") cannot make the copy with the starter's producer settings that the '" + beanName
							+ "' template needs: its copyWithConfigurationOverride "
							+ ((copy != null) ? "returns a " + copy.getClass().getName() : "is not supported")
							+ ", not a DefaultKafkaProducerFactory.",
					"Let the ProducerFactory bean be a DefaultKafkaProducerFactory (Spring Boot's own, tuned with "
							+ "DefaultKafkaProducerFactoryCustomizer beans), or define the KafkaTemplate<byte[], byte[]> "
							+ "bean named '" + beanName + "' yourself" + also + ".");
		}
		return new KafkaTemplate<>((ProducerFactory) producerFactory, overrides);
	}

	@Bean
	@ConditionalOnMissingBean
	KafkaAccessDenials dictameshKafkaAccessDenials(ProducerFactory<?, ?> producerFactory) {
		return new KafkaAccessDenials(KafkaAccessDenials.principalOf(producerFactory.getConfigurationProperties()),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	EventPublisher eventPublisher(@Qualifier(KAFKA_TEMPLATE_BEAN_NAME) KafkaTemplate<byte[], byte[]> kafkaTemplate,
			EventSerializer serializer, TopicResolver topicResolver, ObjectProvider<EventEnricher> enrichers,
			ObjectProvider<EventPublishListener> listeners) {
		KafkaEventPublisher publisher = new KafkaEventPublisher(kafkaTemplate, serializer, topicResolver,
				enrichers(this.properties, this.environment, enrichers));
		publisher.setListener(EventPublishListener.of(listeners.orderedStream().toList()));
		return publisher;
	}

	/**
	 * Return what completes an event before it is published: its source, its causal
	 * metadata from the current context, then the application's enrichers in order.
	 */
	static List<EventEnricher> enrichers(DictameshEventsProperties properties, Environment environment,
			ObjectProvider<EventEnricher> enrichers) {
		String source = StringUtils.hasText(properties.getSource()) ? properties.getSource()
				: environment.getProperty("spring.application.name", "application");
		List<EventEnricher> all = new ArrayList<>();
		all.add((event) -> (event.source() != null) ? event : event.toBuilder().source(source).build());
		all.add(new CausalContextEventEnricher());
		enrichers.orderedStream().forEach(all::add);
		return all;
	}

	@Bean
	@ConditionalOnMissingBean
	static DictameshEventHandlerBeanPostProcessor dictameshEventHandlerBeanPostProcessor() {
		return new DictameshEventHandlerBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	EventHandlerRegistry dictameshEventHandlerRegistry(DictameshEventHandlerBeanPostProcessor postProcessor) {
		return postProcessor.getRegistry();
	}

	@Bean(name = CONTAINER_FACTORY_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = CONTAINER_FACTORY_BEAN_NAME)
	@SuppressWarnings({ "unchecked", "rawtypes" })
	ConcurrentKafkaListenerContainerFactory<byte[], byte[]> dictameshListenerContainerFactory(
			ConsumerFactory<?, ?> consumerFactory,
			ObjectProvider<ConcurrentKafkaListenerContainerFactoryConfigurer> configurer,
			ListableBeanFactory beanFactory, KafkaAccessDenials accessDenials) {
		Map<String, Object> configs = new HashMap<>(consumerFactory.getConfigurationProperties());
		configs.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
		configs.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		// Offsets are committed by the container after a record was handled or
		// dead-lettered, never in the background.
		configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				this.properties.getConsumer().getAutoOffsetReset().name().toLowerCase());
		DefaultKafkaConsumerFactory<byte[], byte[]> bytesConsumerFactory = new DefaultKafkaConsumerFactory<>(configs,
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		// Boot's customizers (the Micrometer client metrics among them) added listeners
		// to its factory: the handlers' consumers report through them too.
		((ConsumerFactory) consumerFactory).getListeners()
			.forEach((listener) -> bytesConsumerFactory.addListener((ConsumerFactory.Listener) listener));
		// A group or topic the principal may not read shows in the kafka health
		// indicator, with the missing ACL.
		bytesConsumerFactory.addPostProcessor(accessDenials::watch);
		ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.ifAvailable((bootConfigurer) -> bootConfigurer
			.configure((ConcurrentKafkaListenerContainerFactory) factory, (ConsumerFactory) bytesConsumerFactory));
		factory.setConsumerFactory(bytesConsumerFactory);
		factory.setBatchListener(false);
		if (factory.getContainerProperties().getAuthExceptionRetryInterval() == null) {
			// Without an interval a container stops for good on its first authorization
			// or authentication failure, and nothing consumes until a restart: retry, so
			// that a granted ACL or a fixed credential heals the application.
			factory.getContainerProperties().setAuthExceptionRetryInterval(AUTH_EXCEPTION_RETRY_INTERVAL);
		}
		// Observed with tracing, as the starter's sends are: the handler runs in the
		// trace of the record's traceparent, as Spring Kafka continues it.
		factory.getContainerProperties()
			.setObservationEnabled(observed(this.properties.getConsumer().getObservationEnabled(),
					factory.getContainerProperties().isObservationEnabled(), beanFactory));
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	EventHandlerContainers dictameshEventHandlerContainers(EventHandlerRegistry registry,
			@Qualifier(CONTAINER_FACTORY_BEAN_NAME) ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory,
			@Qualifier(KAFKA_TEMPLATE_BEAN_NAME) KafkaTemplate<byte[], byte[]> kafkaTemplate,
			TopicResolver topicResolver, EventSerializer serializer, ObjectProvider<EventHandlerExecution> execution,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<EventHandlingListener> listeners) {
		Retry retry = this.properties.getRetry();
		List<Class<? extends Exception>> notRetryable = new ArrayList<>(retry.getNonRetryableExceptions());
		addIfPresent(notRetryable, "jakarta.validation.ValidationException");
		String groupId = StringUtils.hasText(this.properties.getConsumer().getGroupId())
				? this.properties.getConsumer().getGroupId() : this.environment.getProperty("spring.application.name");
		EventHandlerContainers.Settings settings = new EventHandlerContainers.Settings(groupId,
				this.properties.getConsumer().getConcurrency(), retry.getMaxAttempts(), retry.getInitialInterval(),
				retry.getMultiplier(), retry.getMaxInterval(), notRetryable,
				this.properties.getConsumer().isAutoStartup());
		EventHandlerContainers containers = new EventHandlerContainers(registry, factory, kafkaTemplate, topicResolver,
				serializer, settings, () -> execution.getIfUnique(() -> EventHandlerExecution.DIRECT));
		observationRegistry.ifUnique(containers::setObservationRegistry);
		containers.setListener(EventHandlingListener.of(listeners.orderedStream().toList()));
		return containers;
	}

	@SuppressWarnings("unchecked")
	private static void addIfPresent(List<Class<? extends Exception>> exceptions, String className) {
		ClassLoader classLoader = DictameshEventsAutoConfiguration.class.getClassLoader();
		if (ClassUtils.isPresent(className, classLoader)) {
			exceptions.add((Class<? extends Exception>) ClassUtils.resolveClassName(className, classLoader));
		}
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "dictamesh.events.topics.declare", matchIfMissing = true)
	@ConditionalOnBean(KafkaAdmin.class)
	@ConditionalOnMissingBean(name = "dictameshTopics")
	DeclaredTopics dictameshTopics(TopicResolver topicResolver, KafkaAdmin kafkaAdmin) {
		DictameshEventsProperties.Topics topics = this.properties.getTopics();
		Set<String> names = new LinkedHashSet<>();
		if (topicResolver instanceof DictameshTopicResolver resolver) {
			if (resolver.isCategoryNaming()) {
				names.addAll(resolver.categoryTopics());
			}
			names.addAll(topics.getRoutes().values());
			if (this.properties.getDeadLetter().getNaming() == DeadLetterNaming.SHARED) {
				names.add(resolver.sharedDeadLetterTopic());
			}
			else {
				new ArrayList<>(names).forEach((name) -> names.add(resolver.deadLetterTopicFor(name)));
			}
		}
		String schemaTopic = topics.getPrefix() + "schema.changed";
		List<NewTopic> newTopics = names.stream()
			.map((name) -> TopicBuilder.name(name)
				.partitions(topics.getPartitions())
				.replicas(topics.getReplicationFactor())
				.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topics.getRetention().toMillis()))
				.config(TopicConfig.CLEANUP_POLICY_CONFIG,
						name.equals(schemaTopic) ? TopicConfig.CLEANUP_POLICY_COMPACT
								: TopicConfig.CLEANUP_POLICY_DELETE)
				.configs(minInsyncReplicas(topics))
				.build())
			.toList();
		TopicReplicationCheck.verify(kafkaAdmin, newTopics, topics.getReplicationFactor(),
				topics.getMinInsyncReplicas(),
				this.properties.getProfile() == DictameshEventsProperties.Profile.PRODUCTION);
		return new DeclaredTopics(newTopics);
	}

	private static Map<String, String> minInsyncReplicas(DictameshEventsProperties.Topics topics) {
		Integer minInsyncReplicas = topics.getMinInsyncReplicas();
		return (minInsyncReplicas != null)
				? Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas)) : Map.of();
	}

	/**
	 * Looks for a tracer bean, loaded only when Micrometer Tracing is on the classpath.
	 */
	private static final class TracerPresence {

		static boolean hasTracer(ListableBeanFactory beanFactory) {
			return beanFactory.getBeanNamesForType(Tracer.class, false, false).length > 0;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.apache.avro.Schema")
	@ConditionalOnProperty(name = "dictamesh.events.serialization.format", havingValue = "avro")
	static class AvroMissingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EventSerializer dictameshEventSerializer() {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.serialization.format", "avro",
					"Apache Avro (org.apache.avro:avro) is not on the classpath",
					"add the org.apache.avro:avro dependency, or use json");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Schema.class)
	@ConditionalOnProperty(name = "dictamesh.events.serialization.format", havingValue = "avro")
	static class AvroConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SchemaRegistryClient dictameshSchemaRegistryClient(DictameshEventsProperties properties) {
			return AvroSerdeConfig.of(avroConfigs(properties.getAvro())).createRegistryClient();
		}

		@Bean
		@ConditionalOnMissingBean
		EventSerializer dictameshEventSerializer(DictameshEventsProperties properties, SchemaRegistryClient registry,
				ObjectProvider<JsonMapper> jsonMapper, TopicResolver topicResolver) {
			DictameshEventsProperties.Avro avro = properties.getAvro();
			Map<String, Object> configs = avroConfigs(avro);
			Set<String> topics = new LinkedHashSet<>(properties.getTopics().getRoutes().values());
			if (topicResolver instanceof DictameshTopicResolver resolver && resolver.isCategoryNaming()) {
				topics.addAll(resolver.categoryTopics());
			}
			AvroStartupCheck.run(registry, avro.getRegistryUrl(), avro.getCompatibility(), topics,
					AvroSerdeConfig.of(configs).subjectNameStrategy(false), avro.isCheckCompatibility());
			return new AvroEventSerializer(registry, configs, jsonMapper.getIfAvailable(JsonMapper::new));
		}

		/**
		 * Return the settings of the Avro serializers and registry client, with
		 * Confluent's keys, from dictamesh.events.avro.
		 */
		static Map<String, Object> avroConfigs(DictameshEventsProperties.Avro avro) {
			Map<String, Object> configs = new HashMap<>(avro.getProperties());
			configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, String.join(",", avro.getRegistryUrl()));
			configs.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, avro.isAutoRegisterSchemas());
			configs.put(AvroSerdeConfig.USE_LATEST_VERSION, avro.isUseLatestVersion());
			configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, avro.isSpecificReader());
			configs.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, switch (avro.getSubjectNameStrategy()) {
				case TOPIC -> "TopicNameStrategy";
				case RECORD -> "RecordNameStrategy";
				case TOPIC_RECORD -> "TopicRecordNameStrategy";
			});
			configs.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, avro.getBasicAuthCredentialsSource().name());
			if (avro.getBasicAuthUserInfo() != null) {
				configs.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, avro.getBasicAuthUserInfo());
			}
			configs.put(AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS, avro.getConnectTimeout().toMillis());
			configs.put(AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, avro.getReadTimeout().toMillis());
			return configs;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		/**
		 * Masks the Kafka and schema-registry credentials in the env and configprops
		 * endpoints also where management.endpoint.*.show-values shows the other values:
		 * Spring Boot masks no key by default then, and sasl.jaas.config holds a
		 * password.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "dictameshCredentialsSanitizingFunction")
		SanitizingFunction dictameshCredentialsSanitizingFunction() {
			return SanitizingFunction.sanitizeValue()
				.ifLikelyCredential()
				.ifKeyContains("jaas", "password", "user-info", "user.info", "userinfo");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TracingEventEnricher dictameshTracingEventEnricher(ObjectProvider<Tracer> tracer) {
			return new TracingEventEnricher(tracer::getIfUnique);
		}

	}

}
