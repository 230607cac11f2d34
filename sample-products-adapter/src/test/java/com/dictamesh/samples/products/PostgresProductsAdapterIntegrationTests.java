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

package com.dictamesh.samples.products;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same behaviour with the {@code postgres} profile on a real PostgreSQL server, from
 * embedded binaries.
 */
@ActiveProfiles("postgres")
class PostgresProductsAdapterIntegrationTests extends ProductsAdapterIntegrationTests {

	private static final EmbeddedPostgres postgres = start();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("PRODUCTS_DATABASE_URL", () -> postgres.getJdbcUrl("postgres", "postgres"));
	}

	private static EmbeddedPostgres start() {
		try {
			return EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
