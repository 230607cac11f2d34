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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dictamesh.events.test.AutoConfigureDictameshEvents;
import com.dictamesh.events.test.Transport;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Reads {@link AutoConfigureDictameshEvents} from a test class: hands its attributes to
 * the auto-configurations as properties and, for the {@link Transport#EMBEDDED embedded}
 * transport, starts a KRaft broker for the application context, stopped with it, whose
 * address becomes {@code spring.kafka.bootstrap-servers}.
 */
public class DictameshEventsContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureDictameshEvents annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureDictameshEvents.class);
		return (annotation != null) ? new Customizer(annotation.transport(), annotation.relayOutboxOnCommit()) : null;
	}

	private record Customizer(Transport transport, boolean relayOutboxOnCommit) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put(DictameshTestProperties.TRANSPORT,
					(this.transport == Transport.IN_MEMORY) ? "in-memory" : "embedded");
			properties.put(DictameshTestProperties.RELAY_OUTBOX_ON_COMMIT, this.relayOutboxOnCommit);
			if (this.transport == Transport.IN_MEMORY) {
				// Health figures ask a broker; there is none.
				properties.put("dictamesh.events.health.enabled", false);
			}
			else {
				EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
				broker.afterPropertiesSet();
				ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
				beanFactory.registerSingleton(EmbeddedKafkaBroker.BEAN_NAME, broker);
				((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(EmbeddedKafkaBroker.BEAN_NAME,
						broker);
				properties.put("spring.kafka.bootstrap-servers", broker.getBrokersAsString());
			}
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("dictameshTest", properties));
		}

	}

}
