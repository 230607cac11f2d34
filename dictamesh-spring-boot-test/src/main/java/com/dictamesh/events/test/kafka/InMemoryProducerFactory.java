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

package com.dictamesh.events.test.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * A {@link DefaultKafkaProducerFactory} whose producers are {@link InMemoryProducer
 * producers} of an {@link InMemoryKafka}, with the serializers its configuration names,
 * so that the templates built on Spring Boot's factory (and the copies they make with
 * their own settings) send to memory.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class InMemoryProducerFactory<K, V> extends DefaultKafkaProducerFactory<K, V> {

	private final InMemoryKafka broker;

	/**
	 * Create a factory.
	 * @param broker the broker the producers send to
	 * @param configs the producer configuration, of which the serializers are used
	 */
	public InMemoryProducerFactory(InMemoryKafka broker, Map<String, Object> configs) {
		this(broker, configs, () -> null, () -> null);
	}

	private InMemoryProducerFactory(InMemoryKafka broker, Map<String, Object> configs,
			Supplier<@Nullable Serializer<K>> keySerializer, Supplier<@Nullable Serializer<V>> valueSerializer) {
		super(configs, keySerializer, valueSerializer);
		this.broker = broker;
	}

	@Override
	protected Producer<K, V> createRawProducer(Map<String, Object> rawConfigs) {
		return new InMemoryProducer<>(this.broker, serializer(getKeySerializerSupplier(), rawConfigs, true),
				serializer(getValueSerializerSupplier(), rawConfigs, false));
	}

	@SuppressWarnings("unchecked")
	private static <T> Serializer<T> serializer(Supplier<@Nullable Serializer<T>> supplier, Map<String, Object> configs,
			boolean key) {
		Serializer<T> given = supplier.get();
		if (given != null) {
			return given;
		}
		Object configured = configs
			.get(key ? ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG : ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
		Serializer<T> serializer = (Serializer<T>) KafkaClientConfigs.instantiate(configured, Serializer.class);
		serializer.configure(configs, key);
		return serializer;
	}

	@Override
	public ProducerFactory<K, V> copyWithConfigurationOverride(Map<String, Object> overrideProperties) {
		Map<String, Object> configs = new HashMap<>(getConfigurationProperties());
		configs.putAll(overrideProperties);
		return new InMemoryProducerFactory<>(this.broker, configs, getKeySerializerSupplier(),
				getValueSerializerSupplier());
	}

}
