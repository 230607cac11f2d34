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

	/**
	 * Return an expression of the database's current time.
	 * @return the SQL expression
	 */
	public String now() {
		return this.now;
	}

	/**
	 * Return an expression of the database's current time plus a number of milliseconds
	 * given as one bind parameter.
	 * @return the SQL expression
	 */
	public String nowPlusMillis() {
		return this.nowPlusMillis;
	}

	/**
	 * Return a statement that deletes at most a bound number of rows: the statement's
	 * parameters are those of the condition, then the limit.
	 * @param table the table
	 * @param condition the condition of the rows to delete
	 * @param order the column to delete in the order of
	 * @return the SQL statement
	 */
	public String deleteLimited(String table, String condition, String order) {
		if (this.deleteWithLimit) {
			return "DELETE FROM " + table + " WHERE " + condition + " ORDER BY " + order + " LIMIT ?";
		}
		if (this == POSTGRESQL) {
			return "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + " WHERE " + condition
					+ " ORDER BY " + order + " LIMIT ?)";
		}
		return "DELETE FROM " + table + " WHERE _ROWID_ IN (SELECT _ROWID_ FROM " + table + " WHERE " + condition
				+ " ORDER BY " + order + " LIMIT ?)";
	}

	/**
	 * Return an insert that does nothing when the row's key exists, or {@code null} when
	 * the database has none and a duplicate key must be caught instead.
	 * @param table the table
	 * @param columns the columns
	 * @param values the values
	 * @return the SQL statement or {@code null}
	 */
	public String insertIgnoringDuplicates(String table, String columns, String values) {
		return switch (this) {
			case POSTGRESQL ->
				"INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
			case MYSQL -> "INSERT IGNORE INTO " + table + " (" + columns + ") VALUES (" + values + ")";
			case H2 -> "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")";
		};
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
