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

package com.dictamesh.events.kafka;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DictameshTopicResolver}.
 */
class DictameshTopicResolverTests {

	private final DictameshTopicResolver categories = new DictameshTopicResolver(TopicNaming.CATEGORY, "dictamesh.",
			"domain.events", Map.of("billing.*", "billing-events"), DeadLetterNaming.SHARED, "dead-letter");

	private final DictameshTopicResolver perType = new DictameshTopicResolver(TopicNaming.PER_TYPE, "dictamesh.",
			"domain.events", Map.of(), DeadLetterNaming.PER_TOPIC, "dead-letter");

	@Test
	void putsAnEntitysCreateUpdateAndDeleteOnOneTopic() {
		assertThat(this.categories.topicFor("entity.created")).isEqualTo("dictamesh.entity.changed");
		assertThat(this.categories.topicFor("entity.updated")).isEqualTo("dictamesh.entity.changed");
		assertThat(this.categories.topicFor("entity.deleted")).isEqualTo("dictamesh.entity.changed");
		assertThat(this.categories.topicFor("sync.failed")).isEqualTo("dictamesh.system.events");
		assertThat(this.categories.topicFor("health.check")).isEqualTo("dictamesh.system.events");
	}

	@Test
	void routesTakePrecedenceAndUnknownTypesGoToTheDefaultTopic() {
		assertThat(this.categories.topicFor("billing.invoice.paid")).isEqualTo("billing-events");
		assertThat(this.categories.topicFor("shipping.parcel.sent")).isEqualTo("dictamesh.domain.events");
	}

	@Test
	void perTypeNamingFollowsSeedZero() {
		assertThat(this.perType.topicFor("entity.created")).isEqualTo("dictamesh.events.entity.created");
		assertThat(this.perType.deadLetterTopicFor("dictamesh.events.entity.created"))
			.isEqualTo("dictamesh.events.entity.created-dlt");
	}

	@Test
	void patternsMapToTheTopicsThatCarryThem() {
		assertThat(this.categories.topicsFor("entity.*")).containsExactly("dictamesh.entity.changed");
		assertThat(this.categories.topicsFor("billing.*")).containsExactly("billing-events", "dictamesh.domain.events");
		assertThat(this.categories.topicsFor("*")).contains("billing-events", "dictamesh.entity.changed",
				"dictamesh.system.events", "dictamesh.domain.events");
		assertThatIllegalArgumentException().isThrownBy(() -> this.perType.topicsFor("entity.*"))
			.withMessageContaining("per-type");
	}

}
