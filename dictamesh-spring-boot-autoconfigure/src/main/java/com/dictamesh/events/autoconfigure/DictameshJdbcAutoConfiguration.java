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

import javax.sql.DataSource;

import com.dictamesh.events.EventsConfigurationException;
import com.dictamesh.events.jdbc.DatabaseDialect;
import com.dictamesh.events.jdbc.SchemaInitializer;
import com.dictamesh.events.kafka.EventSerializer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of the starter's tables on the application's {@link DataSource}: the
 * outbox and the idempotency marks, created with Flyway after the application's own
 * database initialization.
 */
@AutoConfiguration(after = DictameshEventsAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBean(EventSerializer.class)
@ConditionalOnBooleanProperty(name = "dictamesh.events.jdbc.initialize-schema", matchIfMissing = true)
@ConditionalOnExpression("${dictamesh.events.outbox.enabled:true} or "
		+ "'${dictamesh.events.idempotency.store:auto}'.toLowerCase() matches 'auto|jdbc'")
public final class DictameshJdbcAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.flywaydb.core.Flyway")
	static class FlywaySchemaConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		SchemaInitializer dictameshSchemaInitializer(DataSource dataSource) {
			return new SchemaInitializer(dataSource, DatabaseDialect.of(dataSource));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.flywaydb.core.Flyway")
	static class MissingFlywayConfiguration {

		@Bean
		Object dictameshSchemaInitializerMissingFlyway() {
			throw new EventsConfigurationException(
					"dictamesh.events.jdbc.initialize-schema is true but Flyway is not on the classpath.",
					"Add org.flywaydb:flyway-core (the starter brings it), or apply the SQL from "
							+ "db/dictamesh/{postgresql,mysql,h2} yourself and set "
							+ "dictamesh.events.jdbc.initialize-schema=false.");
		}

	}

}
