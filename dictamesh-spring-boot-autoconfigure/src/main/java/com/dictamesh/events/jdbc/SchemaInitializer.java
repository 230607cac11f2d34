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

package com.dictamesh.events.jdbc;

import javax.sql.DataSource;

import com.dictamesh.events.EventsConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

import org.springframework.beans.factory.InitializingBean;

/**
 * Creates and migrates the starter's tables (outbox, idempotency marks) with Flyway, from
 * the starter's own migrations and in its own history table, so that it never meets the
 * application's Flyway.
 */
public class SchemaInitializer implements InitializingBean {

	/**
	 * The Flyway history table of the starter's migrations.
	 */
	public static final String HISTORY_TABLE = "dictamesh_schema_history";

	private static final Log logger = LogFactory.getLog(SchemaInitializer.class);

	private final DataSource dataSource;

	private final DatabaseDialect dialect;

	/**
	 * Create an initializer.
	 * @param dataSource the application's data source
	 * @param dialect the database's dialect
	 */
	public SchemaInitializer(DataSource dataSource, DatabaseDialect dialect) {
		this.dataSource = dataSource;
		this.dialect = dialect;
	}

	@Override
	public void afterPropertiesSet() {
		try {
			MigrateResult result = Flyway.configure(getClass().getClassLoader())
				.dataSource(this.dataSource)
				.table(HISTORY_TABLE)
				.locations(this.dialect.migrationLocation())
				// The application's tables may already be there: start from an empty
				// baseline so that V1 still runs.
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load()
				.migrate();
			if (result.migrationsExecuted > 0) {
				logger.info("Applied " + result.migrationsExecuted + " DictaMesh outbox migration(s) from "
						+ this.dialect.migrationLocation());
			}
		}
		catch (FlywayException ex) {
			throw new EventsConfigurationException(
					"The DictaMesh tables could not be created or migrated: " + ex.getMessage(),
					"Check that the DataSource's user may create tables and that the Flyway module of your database "
							+ "(flyway-database-postgresql or flyway-mysql) is on the classpath, or apply the SQL in "
							+ this.dialect.migrationLocation()
							+ " yourself and set dictamesh.events.jdbc.initialize-schema=false.");
		}
	}

}
