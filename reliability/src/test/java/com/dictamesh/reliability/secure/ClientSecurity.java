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
package com.dictamesh.reliability.secure;

import java.util.HashMap;
import java.util.Map;

/**
 * How a client reaches the secure broker as one principal, in the two forms the tests
 * need, which say the same: the Spring Boot properties of a service on the starter (the
 * bootstrap servers of the listener, {@code spring.kafka.security.*},
 * {@code spring.kafka.ssl.*}, {@code spring.kafka.properties.*}) and the settings of a
 * plain Kafka client. Its {@code toString} names the principal and the mechanism, never a
 * secret.
 *
 * @param principal the principal the broker authenticates, such as {@code User:app}
 * @param mechanism how it authenticates, for messages: {@code SCRAM-SHA-512},
 * {@code PLAIN} or {@code mutual TLS}
 * @param springProperties the service's Spring Boot properties
 * @param clientConfigs the plain client's settings
 */
record ClientSecurity(String principal, String mechanism, Map<String, Object> springProperties,
		Map<String, Object> clientConfigs) {

	ClientSecurity {
		springProperties = Map.copyOf(springProperties);
		clientConfigs = Map.copyOf(clientConfigs);
	}

	/**
	 * Return the plain client's settings, for the caller to add its own to.
	 * @return a modifiable copy of the settings
	 */
	@Override
	public Map<String, Object> clientConfigs() {
		return new HashMap<>(this.clientConfigs);
	}

	@Override
	public String toString() {
		// Not the record's own: that would print the passwords.
		return "ClientSecurity[" + this.principal + ", " + this.mechanism + "]";
	}

}
