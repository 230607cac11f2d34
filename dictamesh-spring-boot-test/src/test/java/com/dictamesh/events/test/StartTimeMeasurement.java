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

package com.dictamesh.events.test;

import java.util.ArrayList;
import java.util.List;

import com.dictamesh.events.test.app.CatalogueApplication;
import com.dictamesh.events.test.app.CatalogueApplication.ProductIndexer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestContextManager;

/**
 * How long the application context of a test using {@link AutoConfigureDictameshEvents}
 * takes to start, in memory and on the embedded broker (broker start included): the
 * median of nine starts of each, alternating, after one warm-up start of each in the same
 * JVM, for an application of handlers only and for one with the outbox on H2. A figure,
 * not a check: run it with
 * {@code ./mvnw verify -pl dictamesh-spring-boot-test -am -Dtest=StartTimeMeasurement -Dsurefire.failIfNoSpecifiedTests=false -Dmeasurements.excluded=none}.
 */
@Tag("measurement")
class StartTimeMeasurement {

	private static final int RUNS = 9;

	@Test
	void startTimes() {
		System.out.printf("%nStart of a test's application context with @AutoConfigureDictameshEvents, broker start "
				+ "included (median of %d, alternating, after a warm-up):%n", RUNS);
		measure("handlers, no database", HandlersInMemory.class, HandlersEmbedded.class);
		measure("handlers and the outbox on H2", CatalogueInMemory.class, CatalogueEmbedded.class);
	}

	private static void measure(String application, Class<?> inMemoryTest, Class<?> embeddedTest) {
		startMillis(inMemoryTest);
		startMillis(embeddedTest);
		List<Long> inMemory = new ArrayList<>();
		List<Long> embedded = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			inMemory.add(startMillis(inMemoryTest));
			embedded.add(startMillis(embeddedTest));
		}
		long inMemoryMedian = median(inMemory);
		long embeddedMedian = median(embedded);
		System.out.printf("  %s: in memory %d ms %s, embedded broker %d ms %s, %.1f times faster in memory%n",
				application, inMemoryMedian, inMemory, embeddedMedian, embedded,
				(double) embeddedMedian / inMemoryMedian);
	}

	private static long startMillis(Class<?> testClass) {
		TestContextManager manager = new TestContextManager(testClass);
		// Not the previous context's garbage.
		System.gc();
		long start = System.nanoTime();
		manager.getTestContext().getApplicationContext();
		long millis = (System.nanoTime() - start) / 1_000_000;
		manager.getTestContext().markApplicationContextDirty(null);
		return millis;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
	@Import(ProductIndexer.class)
	static class HandlersApplication {

	}

	@SpringBootTest(classes = HandlersApplication.class,
			properties = { "spring.application.name=handlers", "logging.level.root=warn" })
	abstract static class Handlers {

	}

	@AutoConfigureDictameshEvents
	static class HandlersInMemory extends Handlers {

	}

	@AutoConfigureDictameshEvents(transport = Transport.EMBEDDED)
	static class HandlersEmbedded extends Handlers {

	}

	@SpringBootTest(classes = CatalogueApplication.class,
			properties = { "spring.application.name=catalogue", "dictamesh.events.idempotency.store=memory",
					"spring.datasource.url=jdbc:h2:mem:start-${random.uuid};DB_CLOSE_DELAY=-1",
					"logging.level.root=warn" })
	abstract static class Catalogue {

	}

	@AutoConfigureDictameshEvents
	static class CatalogueInMemory extends Catalogue {

	}

	@AutoConfigureDictameshEvents(transport = Transport.EMBEDDED)
	static class CatalogueEmbedded extends Catalogue {

	}

}
