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

package com.dictamesh.events.test.autoconfigure;

import com.dictamesh.events.autoconfigure.DictameshEventsAutoConfiguration;
import com.dictamesh.events.test.kafka.InMemoryConsumerFactory;
import com.dictamesh.events.test.kafka.InMemoryKafka;
import com.dictamesh.events.test.kafka.InMemoryProducerFactory;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Auto-configuration of the in-memory transport of
 * {@link com.dictamesh.events.test.AutoConfigureDictameshEvents}: an
 * {@link InMemoryKafka} behind the producer and consumer factories that Spring Boot's
 * Kafka support and the starter build on, and a {@link KafkaAdmin} that never connects.
 * Everything above the factories (templates, handler containers, error handler and
 * dead-letter publisher) is the application's own.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnProperty(name = DictameshTestProperties.TRANSPORT, havingValue = "in-memory")
public final class InMemoryKafkaAutoConfiguration {

	@Bean
	InMemoryKafka dictameshInMemoryKafka(Environment environment) {
		return new InMemoryKafka(environment.getProperty("dictamesh.events.topics.partitions", Integer.class, 12));
	}

	@Bean
	ProducerFactory<?, ?> kafkaProducerFactory(InMemoryKafka kafka, KafkaProperties properties) {
		return new InMemoryProducerFactory<>(kafka, properties.buildProducerProperties());
	}

	@Bean
	ConsumerFactory<?, ?> kafkaConsumerFactory(InMemoryKafka kafka, KafkaProperties properties) {
		return new InMemoryConsumerFactory<>(kafka, properties.buildConsumerProperties(), null, null);
	}

	@Bean
	KafkaAdmin kafkaAdmin(KafkaProperties properties) {
		KafkaAdmin admin = new KafkaAdmin(properties.buildAdminProperties());
		// Topics come into being when used; nothing asks a broker.
		admin.setAutoCreate(false);
		admin.setClusterId("in-memory");
		return admin;
	}

	@Bean
	static BeanPostProcessor dictameshInMemoryHandlerConsumers(ObjectProvider<InMemoryKafka> kafka) {
		return new BeanPostProcessor() {

			@Override
			@SuppressWarnings("unchecked")
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (DictameshEventsAutoConfiguration.CONTAINER_FACTORY_BEAN_NAME.equals(beanName)
						&& bean instanceof ConcurrentKafkaListenerContainerFactory<?, ?> factory) {
					// The starter's handler consumers read byte arrays with their own
					// factory: read them from memory, with the same settings.
					ConcurrentKafkaListenerContainerFactory<byte[], byte[]> handlers = (ConcurrentKafkaListenerContainerFactory<byte[], byte[]>) factory;
					handlers.setConsumerFactory(new InMemoryConsumerFactory<>(kafka.getObject(),
							handlers.getConsumerFactory().getConfigurationProperties(), new ByteArrayDeserializer(),
							new ByteArrayDeserializer()));
				}
				return bean;
			}

		};
	}

}
