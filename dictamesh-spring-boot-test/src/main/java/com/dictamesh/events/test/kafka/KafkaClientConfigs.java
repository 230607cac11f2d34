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

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ClassUtils;

/**
 * Reads (de)serializers from a Kafka client configuration, which names them by class, by
 * class name or gives an instance.
 */
final class KafkaClientConfigs {

	private KafkaClientConfigs() {
	}

	static <T> T instantiate(@Nullable Object configured, Class<T> type) {
		if (configured == null) {
			throw new IllegalStateException("The Kafka client configuration names no " + type.getSimpleName());
		}
		if (type.isInstance(configured)) {
			return type.cast(configured);
		}
		Class<?> implementation = (configured instanceof Class<?> given) ? given
				: ClassUtils.resolveClassName(configured.toString().trim(), KafkaClientConfigs.class.getClassLoader());
		return type.cast(BeanUtils.instantiateClass(implementation));
	}

}
