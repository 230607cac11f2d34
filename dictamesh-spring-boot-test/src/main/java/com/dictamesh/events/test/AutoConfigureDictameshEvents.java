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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Adds DictaMesh event test support to a {@code @SpringBootTest}: a {@link TestEvents}
 * bean that records what the application published and hands events to its handlers, over
 * the chosen {@link #transport() transport}, with the outbox relayed as each transaction
 * commits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureDictameshEvents {

	/**
	 * How events travel: in memory, or through an embedded Kafka broker.
	 * @return the transport
	 */
	Transport transport() default Transport.IN_MEMORY;

	/**
	 * Whether a transaction that wrote outbox events has them published before its commit
	 * returns, so that a test sees them at once; otherwise the relay publishes them in
	 * the background, or when the test calls {@link TestEvents#relayOutbox()}.
	 * @return whether the outbox is relayed on commit
	 */
	boolean relayOutboxOnCommit() default true;

}
