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

package com.dictamesh.events.autoconfigure;

import com.dictamesh.events.actuate.DeadLetterBrowser;
import com.dictamesh.events.actuate.DeadLetterRedriver;
import com.dictamesh.events.actuate.DictameshEndpoint;
import com.dictamesh.events.actuate.DictameshEndpoint.Refusal;
import com.dictamesh.events.actuate.OffsetReplayer;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.util.ReflectionTestUtils;

import static com.dictamesh.events.autoconfigure.StartupFailures.analyze;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DictameshEndpointAutoConfiguration}.
 */
class DictameshEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DictameshEventsAutoConfiguration.class, DictameshEndpointAutoConfiguration.class))
		.withPropertyValues("spring.kafka.admin.auto-create=false", "dictamesh.events.consumer.auto-startup=false",
				"management.endpoints.web.exposure.include=dictamesh");

	@Test
	void providesTheEndpointAndWhatItRunsOnWhenTheEndpointIsExposed() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DictameshEndpoint.class)
			.hasSingleBean(DeadLetterBrowser.class)
			.hasSingleBean(DeadLetterRedriver.class)
			.hasSingleBean(OffsetReplayer.class));
	}

	@Test
	void staysAwayWhenTheEndpointIsNotExposed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
					DictameshEventsAutoConfiguration.class, DictameshEndpointAutoConfiguration.class))
			.withPropertyValues("spring.kafka.admin.auto-create=false", "dictamesh.events.consumer.auto-startup=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DictameshEndpoint.class)
				.doesNotHaveBean(DeadLetterRedriver.class));
	}

	@Test
	void refusesWriteOperationsUntilThePropertyEnablesThem() {
		this.contextRunner.run((context) -> {
			WebEndpointResponse<Object> response = context.getBean(DictameshEndpoint.class)
				.operate("replay", null, null, null, null, null, null, null, null);
			assertThat(response.getStatus()).isEqualTo(403);
			assertThat(((Refusal) response.getBody()).refused())
				.contains("dictamesh.events.endpoint.write-operations-enabled=true");
		});
		this.contextRunner.withPropertyValues("dictamesh.events.endpoint.write-operations-enabled=true")
			.run((context) -> {
				WebEndpointResponse<Object> response = context.getBean(DictameshEndpoint.class)
					.operate("replay", null, null, null, null, null, null, null, null);
				assertThat(response.getStatus()).as("past the switch, refused for the missing group").isEqualTo(400);
				assertThat(((Refusal) response.getBody()).refused()).contains("needs group, topic and timestamp");
			});
	}

	@Test
	void declaresTheParkingTopicUnderThePrefix() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.topics.prefix=shop.",
					"dictamesh.events.dead-letter.parking-topic=quarantine")
			.run((context) -> {
				KafkaAdmin.NewTopics topics = context.getBean("dictameshParkingTopic", KafkaAdmin.NewTopics.class);
				// NewTopics keeps its list package-private: read it as KafkaAdmin does.
				Collection<NewTopic> declared = ReflectionTestUtils.invokeMethod(topics, "getNewTopics");
				assertThat(declared).extracting(NewTopic::name).containsExactly("shop.quarantine");
				assertThat(context.getBean(DeadLetterRedriver.class).getParkingTopic()).isEqualTo("shop.quarantine");
			});
	}

	@Test
	void backsOffWhenTheUserDefinesARedriver() {
		this.contextRunner.withUserConfiguration(UserRedriver.class)
			.run((context) -> assertThat(context.getBean(DeadLetterRedriver.class))
				.isSameAs(context.getBean("userRedriver")));
	}

	@Test
	void failsFastOnANegativeMaxRedrives() {
		this.contextRunner.withPropertyValues("dictamesh.events.dead-letter.max-redrives=-1")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'dictamesh.events.dead-letter.max-redrives'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRedriver {

		@Bean
		DeadLetterRedriver userRedriver(DeadLetterBrowser browser) {
			return new DeadLetterRedriver(browser, new KafkaTemplate<>(new DefaultKafkaProducerFactory<byte[], byte[]>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9"))), 1, "elsewhere");
		}

	}

}
