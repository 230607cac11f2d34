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

package com.dictamesh.events.outbox;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import com.dictamesh.events.EventsConfigurationException;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The SQL that differs between the databases the outbox supports. Times are always the
 * database's, so that relay instances on machines with different clocks agree on lease
 * expiry.
 */
public enum DatabaseDialect {

	/**
	 * PostgreSQL.
	 */
	POSTGRESQL("postgresql", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP + (CAST(? AS BIGINT) * INTERVAL '1 millisecond')",
			false),

	/**
	 * MySQL and MariaDB; times are UTC whatever the server's time zone.
	 */
	MYSQL("mysql", "UTC_TIMESTAMP(6)", "TIMESTAMPADD(MICROSECOND, CAST(? AS SIGNED) * 1000, UTC_TIMESTAMP(6))", true),

	/**
	 * H2.
	 */
	H2("h2", "CURRENT_TIMESTAMP", "DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)", false);

	private final String folder;

	private final String now;

	private final String nowPlusMillis;

	private final boolean deleteWithLimit;

	DatabaseDialect(String folder, String now, String nowPlusMillis, boolean deleteWithLimit) {
		this.folder = folder;
		this.now = now;
		this.nowPlusMillis = nowPlusMillis;
		this.deleteWithLimit = deleteWithLimit;
	}

	/**
	 * Return the location of this database's migrations.
	 * @return the Flyway location
	 */
	public String migrationLocation() {
		return "classpath:db/dictamesh/" + this.folder;
	}

	String now() {
		return this.now;
	}

	/**
	 * Return an expression of the database's current time plus a number of milliseconds
	 * given as one bind parameter.
	 */
	String nowPlusMillis() {
		return this.nowPlusMillis;
	}

	String deletePublished() {
		String older = "status = 1 AND published_at < " + this.nowPlusMillis;
		if (this.deleteWithLimit) {
			return "DELETE FROM dictamesh_outbox WHERE " + older + " ORDER BY id LIMIT ?";
		}
		return "DELETE FROM dictamesh_outbox WHERE id IN (SELECT id FROM dictamesh_outbox WHERE " + older
				+ " ORDER BY id LIMIT ?)";
	}

	/**
	 * Return the dialect of the database behind a data source.
	 * @param dataSource the data source
	 * @return the dialect
	 * @throws EventsConfigurationException if the database is not supported
	 */
	public static DatabaseDialect of(DataSource dataSource) {
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
		}
		catch (MetaDataAccessException ex) {
			throw new EventsConfigurationException(
					"The outbox cannot tell which database the DataSource connects to: " + ex.getMessage() + ".",
					"Check the DataSource settings, or set dictamesh.events.outbox.enabled=false.");
		}
		String name = product.toLowerCase(Locale.ROOT);
		if (name.contains("postgres")) {
			return POSTGRESQL;
		}
		if (name.contains("mysql") || name.contains("mariadb")) {
			return MYSQL;
		}
		if (name.equals("h2")) {
			return H2;
		}
		throw new EventsConfigurationException(
				"The outbox supports PostgreSQL, MySQL, MariaDB and H2, not " + product + ".",
				"Use one of these databases for the outbox, or set dictamesh.events.outbox.enabled=false and "
						+ "publish with EventPublisher.");
	}

}
