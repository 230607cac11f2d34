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

package com.dictamesh.events.test;

/**
 * How events travel in a test annotated with {@link AutoConfigureDictameshEvents}.
 */
public enum Transport {

	/**
	 * Through a Kafka held in memory: no broker starts, and the application's templates
	 * and handler containers (with their retries and dead-letter publisher) run as they
	 * do on Kafka.
	 */
	IN_MEMORY,

	/**
	 * Through a real Kafka broker started in the JVM for the test's application context
	 * ({@code EmbeddedKafkaKraftBroker}), whose address replaces
	 * {@code spring.kafka.bootstrap-servers}.
	 */
	EMBEDDED

}
