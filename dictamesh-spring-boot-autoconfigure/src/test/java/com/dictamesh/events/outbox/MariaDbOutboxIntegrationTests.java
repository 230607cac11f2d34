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

import com.dictamesh.events.testsupport.MariaDbTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox on the machine's MariaDB server (127.0.0.1:3306, root without password), in
 * a database of its own that is dropped afterwards.
 */
@EnabledIf(value = "com.dictamesh.events.testsupport.MariaDbTestDatabase#runnable",
		disabledReason = MariaDbTestDatabase.HOW_TO_RUN)
class MariaDbOutboxIntegrationTests extends OutboxIntegrationTests {

	private static final MariaDbTestDatabase database = new MariaDbTestDatabase("outbox");

	@DynamicPropertySource
	static void dataSource(DynamicPropertyRegistry registry) {
		database.register(registry);
	}

}
