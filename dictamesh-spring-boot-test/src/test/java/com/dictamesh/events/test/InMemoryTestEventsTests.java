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

import com.dictamesh.events.test.kafka.InMemoryKafka;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TestEvents} in memory: no broker.
 */
@AutoConfigureDictameshEvents
class InMemoryTestEventsTests extends TestEventsTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void runsWithoutBroker() {
		assertThat(this.context.getBeansOfType(EmbeddedKafkaBroker.class)).isEmpty();
		assertThat(this.context.getBean(InMemoryKafka.class).topics()).contains("dictamesh.entity.changed");
	}

}
