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

package com.example.quickstart;

import java.time.Duration;

import com.example.quickstart.QuickStartApplication.Product;
import com.example.quickstart.QuickStartApplication.SearchIndex;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quick start of the README works with the starter alone on a real broker (the
 * embedded broker replaces spring.kafka.bootstrap-servers).
 */
// tag::test[]
@SpringBootTest
@EmbeddedKafka
class QuickStartApplicationTests {

	@Autowired
	private SearchIndex searchIndex;

	@Test
	void publishedProductReachesTheHandler() {
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.searchIndex.indexed.isEmpty());
		assertThat(this.searchIndex.indexed).containsExactly(new Product("Desk lamp", 4990));
	}

}
// end::test[]
