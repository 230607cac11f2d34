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

package com.dictamesh.events.idempotency;

import org.springframework.test.context.TestPropertySource;

/**
 * Idempotent handlers on H2, the zero-setup default.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:idempotency;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
class H2IdempotencyIntegrationTests extends IdempotencyIntegrationTests {

}
