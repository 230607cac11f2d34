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

import java.time.Duration;

import com.dictamesh.events.autoconfigure.DictameshEventsAutoConfiguration;
import com.dictamesh.events.autoconfigure.DictameshIdempotencyAutoConfiguration;
import com.dictamesh.events.autoconfigure.DictameshOutboxAutoConfiguration;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.TopicResolver;
import com.dictamesh.events.outbox.OutboxRelay;
import com.dictamesh.events.test.EventRecording;
import com.dictamesh.events.test.TestEvents;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Auto-configuration of {@link com.dictamesh.events.test.AutoConfigureDictameshEvents}:
 * the {@link EventRecording} on the starter's templates and listener hooks, the
 * {@link TestEvents} a test injects, and the outbox relayed on commit.
 */
@AutoConfiguration(after = { DictameshEventsAutoConfiguration.class, DictameshOutboxAutoConfiguration.class,
		DictameshIdempotencyAutoConfiguration.class })
@ConditionalOnBean(EventSerializer.class)
public final class DictameshEventsTestAutoConfiguration {

	@Bean
	EventRecording dictameshEventRecording(EventSerializer serializer, ObjectProvider<JsonMapper> jsonMapper) {
		return new EventRecording(serializer, jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	TestEvents dictameshTestEvents(EventRecording recording,
			@Qualifier(DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME) KafkaTemplate<byte[], byte[]> kafka,
			EventSerializer serializer, TopicResolver topicResolver, ObjectProvider<EventHandlerContainers> containers,
			ObjectProvider<OutboxRelay> relay, Environment environment) {
		return new TestEvents(recording, kafka, serializer, topicResolver, containers.getIfUnique(),
				relay.getIfUnique(),
				environment.getProperty("dictamesh.test.timeout", Duration.class, Duration.ofSeconds(30)));
	}

	@Bean
	static BeanPostProcessor dictameshEventRecordingPostProcessor(ObjectProvider<EventRecording> recording,
			Environment environment) {
		return new BeanPostProcessor() {

			@Override
			@SuppressWarnings("unchecked")
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if ((DictameshEventsAutoConfiguration.KAFKA_TEMPLATE_BEAN_NAME.equals(beanName)
						|| DictameshOutboxAutoConfiguration.RELAY_KAFKA_TEMPLATE_BEAN_NAME.equals(beanName))
						&& bean instanceof KafkaTemplate<?, ?> template) {
					((KafkaTemplate<byte[], byte[]>) template).setProducerInterceptor(recording.getObject());
				}
				if (bean instanceof OutboxRelay relay) {
					relay.setPublishOnCommit(environment.getProperty(DictameshTestProperties.RELAY_OUTBOX_ON_COMMIT,
							Boolean.class, true));
				}
				return bean;
			}

		};
	}

}
