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
package com.dictamesh.benchmarks;

import java.io.IOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.jdbc.DataSourceBuilder;

/**
 * A real PostgreSQL server, from the embedded binaries of Maven Central, in a process of
 * its own, started once per run beside the broker for the outbox and idempotency
 * scenarios.
 */
final class Postgres implements AutoCloseable {

	private final EmbeddedPostgres server;

	private Postgres(EmbeddedPostgres server) {
		this.server = server;
	}

	/**
	 * Start a server in an empty data directory.
	 * @param directory the data directory
	 * @return the server
	 * @throws IOException if it cannot be started
	 */
	static Postgres start(Path directory) throws IOException {
		// PostgreSQL's own default: a commit waits for its WAL to reach the disk, as in
		// production (the embedded server's default is off).
		return new Postgres(EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(true)
			.setServerConfig("synchronous_commit", "on")
			.start());
	}

	String url() {
		return this.server.getJdbcUrl("postgres", "postgres");
	}

	/**
	 * Return the properties that point an application at this server.
	 * @return the properties
	 */
	String[] properties() {
		return new String[] { "spring.datasource.url=" + url(), "spring.datasource.username=postgres",
				"spring.datasource.password=" };
	}

	/**
	 * Return a pooled data source of this server, as an application would have.
	 * @return the data source, to be closed by the caller
	 */
	DataSource dataSource() {
		return DataSourceBuilder.create().url(url()).username("postgres").password("").build();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
