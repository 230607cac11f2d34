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

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the defaults of {@code dictamesh.events.profile=production} as the environment's
 * last property source, so that every explicit setting still wins and the actuator's
 * {@code env} endpoint shows where each default came from. The values are those of the
 * original DictaMesh's {@code ProductionConfig} (seed 002: replication factor 3, 30 days
 * of retention) with its production checklist's {@code min.insync.replicas} 2; start-up
 * then refuses explicit settings weaker than them
 * ({@link DictameshEventsPropertiesValidator}).
 */
public class DictameshProfileEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/**
	 * Name of the property source that holds the production defaults.
	 */
	public static final String PROPERTY_SOURCE_NAME = "dictamesh.events.profile=production";

	private static final Map<String, Object> PRODUCTION_DEFAULTS;

	static {
		Map<String, Object> defaults = new LinkedHashMap<>();
		// Three copies of each record, and an acks=all send waits for two of them: one
		// broker may fail (or be restarted for maintenance) without losing a record or
		// refusing a send.
		defaults.put("dictamesh.events.topics.replication-factor", "3");
		defaults.put("dictamesh.events.topics.min-insync-replicas", "2");
		defaults.put("dictamesh.events.topics.retention", "30d");
		// The idempotency marks must outlive the oldest record a replay can reach.
		defaults.put("dictamesh.events.idempotency.time-to-live", "30d");
		defaults.put("dictamesh.events.producer.acks", "all");
		defaults.put("dictamesh.events.producer.idempotence", "true");
		PRODUCTION_DEFAULTS = Map.copyOf(defaults);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		apply(environment);
	}

	/**
	 * Add the production defaults to an environment whose
	 * {@code dictamesh.events.profile} is {@code production}.
	 * @param environment the environment
	 */
	public static void apply(ConfigurableEnvironment environment) {
		if (profileOf(environment) == DictameshEventsProperties.Profile.PRODUCTION
				&& !environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, PRODUCTION_DEFAULTS));
		}
	}

	/**
	 * Return the production defaults, by property name.
	 * @return the defaults
	 */
	public static Map<String, Object> productionDefaults() {
		return PRODUCTION_DEFAULTS;
	}

	private static DictameshEventsProperties.Profile profileOf(ConfigurableEnvironment environment) {
		try {
			return Binder.get(environment)
				.bind("dictamesh.events.profile", DictameshEventsProperties.Profile.class)
				.orElse(DictameshEventsProperties.Profile.DEVELOPMENT);
		}
		catch (BindException ex) {
			// Binding the properties fails later with Spring Boot's own message, which
			// lists the valid values.
			return DictameshEventsProperties.Profile.DEVELOPMENT;
		}
	}

}
