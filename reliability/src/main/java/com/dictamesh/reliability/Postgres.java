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
package com.dictamesh.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * An embedded PostgreSQL the harness starts and stops, always on the same port and data
 * directory, so that a service connected to it sees the database go away and come back
 * with its data.
 */
final class Postgres implements AutoCloseable {

	private final Path directory;

	private final int port;

	private @Nullable EmbeddedPostgres server;

	Postgres(Path directory) {
		this.directory = directory;
		this.port = FreePort.find();
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/**
	 * Start the server; the first start creates the data directory, later ones reuse it.
	 * @throws IOException if the server cannot be started
	 */
	void start() throws IOException {
		this.server = EmbeddedPostgres.builder()
			.setPort(this.port)
			.setDataDirectory(this.directory)
			.setCleanDataDirectory(false)
			.start();
	}

	/**
	 * Stop the server (a fast shutdown: connections are closed), keeping its data.
	 * @throws IOException if the server cannot be stopped
	 */
	void stop() throws IOException {
		EmbeddedPostgres running = this.server;
		this.server = null;
		if (running != null) {
			running.close();
		}
	}

	boolean isRunning() {
		return this.server != null;
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
	}

	@Override
	public void close() throws IOException {
		stop();
	}

}
