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

package com.dictamesh.events.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throw-away database on the machine's MariaDB server. Tests that use it skip with
 * {@link #HOW_TO_RUN} when no server answers, except under {@code CI=true}, where a
 * missing server is a failure.
 */
public final class MariaDbTestDatabase {

	public static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

	public static final String HOW_TO_RUN = "No MariaDB server answers on 127.0.0.1:3306 as root without a password: "
			+ "install and start one (apt-get install mariadb-server; mariadbd) to run these tests. "
			+ "Under CI=true they run and fail instead of skipping.";

	private final String name;

	private boolean created;

	public MariaDbTestDatabase(String purpose) {
		this.name = "dictamesh_it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Whether the tests should run: a server answers, or CI demands them.
	 * @return whether to run
	 */
	public static boolean runnable() {
		if ("true".equals(System.getenv("CI"))) {
			return true;
		}
		try (Connection connection = DriverManager.getConnection(SERVER + "test", "root", "")) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	public void register(DynamicPropertyRegistry registry) {
		create();
		registry.add("spring.datasource.url", () -> SERVER + this.name);
		registry.add("spring.datasource.username", () -> "root");
		registry.add("spring.datasource.password", () -> "");
	}

	private synchronized void create() {
		if (!this.created) {
			execute("CREATE DATABASE " + this.name);
			this.created = true;
			// Dropped at exit, after the test contexts that use it are closed.
			Runtime.getRuntime().addShutdownHook(new Thread(this::drop, "drop-" + this.name));
		}
	}

	public void drop() {
		if (this.created) {
			execute("DROP DATABASE IF EXISTS " + this.name);
		}
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(SERVER + "test", "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(HOW_TO_RUN + " (" + ex.getMessage() + ")", ex);
		}
	}

}
