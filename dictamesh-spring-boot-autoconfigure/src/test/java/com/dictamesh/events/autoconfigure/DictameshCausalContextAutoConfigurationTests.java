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

import com.dictamesh.events.web.CorrelationIdFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DictameshCausalContextAutoConfiguration}.
 */
class DictameshCausalContextAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DictameshEventsAutoConfiguration.class, DictameshCausalContextAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders", "spring.kafka.admin.auto-create=false",
				"dictamesh.events.consumer.auto-startup=false");

	@Test
	void registersTheCorrelationFilterWithTheDefaultHeaderInAServletApplication() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("dictameshCorrelationIdFilter");
			FilterRegistrationBean<?> registration = context.getBean("dictameshCorrelationIdFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(CorrelationIdFilter.class);
			assertThat(((CorrelationIdFilter) registration.getFilter()).getHeaderName()).isEqualTo("X-Correlation-Id");
			assertThat(registration.getOrder())
				.isEqualTo(DictameshCausalContextAutoConfiguration.CORRELATION_FILTER_ORDER);
		});
	}

	@Test
	void readsTheHeaderNameFromTheProperty() {
		this.contextRunner.withPropertyValues("dictamesh.events.correlation.http.header=X-Request-Flow")
			.run((context) -> assertThat(
					((CorrelationIdFilter) context.getBean("dictameshCorrelationIdFilter", FilterRegistrationBean.class)
						.getFilter()).getHeaderName())
				.isEqualTo("X-Request-Flow"));
	}

	@Test
	void registersNoFilterWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("dictamesh.events.correlation.http.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("dictameshCorrelationIdFilter"));
	}

	@Test
	void registersNoFilterWhenEventsAreDisabled() {
		this.contextRunner.withPropertyValues("dictamesh.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("dictameshCorrelationIdFilter"));
	}

	@Test
	void registersNoFilterOutsideAServletApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
					DictameshEventsAutoConfiguration.class, DictameshCausalContextAutoConfiguration.class))
			.withPropertyValues("spring.application.name=orders", "spring.kafka.admin.auto-create=false",
					"dictamesh.events.consumer.auto-startup=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("dictameshCorrelationIdFilter"));
	}

	@Test
	void backsOffWhenTheUserRegistersACorrelationIdFilter() {
		this.contextRunner.withUserConfiguration(UserFilterConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean("dictameshCorrelationIdFilter");
			assertThat(context).hasSingleBean(CorrelationIdFilter.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		CorrelationIdFilter myCorrelationIdFilter() {
			return new CorrelationIdFilter("X-Trace-Flow");
		}

	}

}
