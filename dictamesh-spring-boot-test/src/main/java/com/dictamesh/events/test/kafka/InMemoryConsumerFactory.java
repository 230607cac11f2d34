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

import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * A {@link DefaultKafkaConsumerFactory} whose consumers are {@link InMemoryConsumer
 * consumers} of an {@link InMemoryKafka}, configured as Kafka's: {@code group.id},
 * {@code max.poll.records}, {@code auto.offset.reset}, {@code enable.auto.commit} and the
 * deserializers, given as instances or by the configuration.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class InMemoryConsumerFactory<K, V> extends DefaultKafkaConsumerFactory<K, V> {

	private final InMemoryKafka broker;

	/**
	 * Create a factory.
	 * @param broker the broker the consumers read
	 * @param configs the consumer configuration
	 * @param keyDeserializer the key deserializer, or {@code null} for the configured one
	 * @param valueDeserializer the value deserializer, or {@code null} for the configured
	 * one
	 */
	public InMemoryConsumerFactory(InMemoryKafka broker, Map<String, Object> configs,
			@Nullable Deserializer<K> keyDeserializer, @Nullable Deserializer<V> valueDeserializer) {
		super(configs, () -> keyDeserializer, () -> valueDeserializer);
		this.broker = broker;
	}

	@Override
	protected Consumer<K, V> createRawConsumer(Map<String, Object> configs) {
		Object group = configs.get(ConsumerConfig.GROUP_ID_CONFIG);
		Object maxPollRecords = configs.getOrDefault(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		Object reset = configs.getOrDefault(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		Object autoCommit = configs.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
		return new InMemoryConsumer<>(this.broker, (group != null) ? group.toString() : null,
				deserializer(getKeyDeserializer(), configs, true), deserializer(getValueDeserializer(), configs, false),
				Integer.parseInt(maxPollRecords.toString()), "earliest".equalsIgnoreCase(reset.toString()),
				autoCommit != null && Boolean.parseBoolean(autoCommit.toString()));
	}

	@SuppressWarnings("unchecked")
	private static <T> Deserializer<T> deserializer(@Nullable Deserializer<T> given, Map<String, Object> configs,
			boolean key) {
		if (given != null) {
			return given;
		}
		Object configured = configs
			.get(key ? ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG : ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		Deserializer<T> deserializer = (Deserializer<T>) KafkaClientConfigs.instantiate(configured, Deserializer.class);
		deserializer.configure(configs, key);
		return deserializer;
	}

}
