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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of the causal context's entry points: in a servlet web application,
 * a filter that makes an HTTP request's correlation header the correlation id of the
 * events published while handling it.
 */
@AutoConfiguration(after = DictameshEventsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "dictamesh.events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DictameshEventsProperties.class)
public final class DictameshCausalContextAutoConfiguration {

	/**
	 * Order of the correlation filter: early, so that the filters after it log and
	 * publish in the request's flow, but after Boot's observation filter.
	 */
	public static final int CORRELATION_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ OncePerRequestFilter.class, FilterRegistrationBean.class })
	@ConditionalOnBooleanProperty(name = "dictamesh.events.correlation.http.enabled", matchIfMissing = true)
	static class ServletCorrelationConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(CorrelationIdFilter.class)
		FilterRegistrationBean<CorrelationIdFilter> dictameshCorrelationIdFilter(DictameshEventsProperties properties) {
			FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(
					new CorrelationIdFilter(properties.getCorrelation().getHttp().getHeader()));
			registration.setOrder(CORRELATION_FILTER_ORDER);
			return registration;
		}

	}

}
