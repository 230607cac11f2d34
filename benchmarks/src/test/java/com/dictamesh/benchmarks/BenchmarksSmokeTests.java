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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run of every scenario, in seconds and on a standalone broker, so that the
 * harness never rots. Its figures are not checked against the targets: a shared 2-core
 * machine makes them mean nothing.
 */
class BenchmarksSmokeTests {

	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path directory;

	@Test
	void everyScenarioMeasuresOursAndTheBaselineAndTheTableIsWritten() throws Exception {
		ResultsReport report = Benchmarks.run(Settings.SMOKE, true, Set.of(), this.directory.resolve("run"));
		assertThat(report.results()).extracting(Result::scenario)
			.containsExactly("S1", "S1c", "S1o", "S2", "S2", "S2", "S3", "S3", "S3", "S4", "S7", "S5", "S5", "S5", "S5",
					"S5", "S5", "S6", "S6", "S6");
		assertThat(report.results()).allSatisfy((result) -> {
			assertThat(result.ours().values()).hasSize(Settings.SMOKE.repetitions()).allMatch((value) -> value > 0);
			assertThat(result.baseline().values()).hasSize(Settings.SMOKE.repetitions()).allMatch((value) -> value > 0);
			assertThat(result.ratio()).isFinite().isPositive();
		});
		Path results = this.directory.resolve("results");
		report.writeTo(results);
		assertThat(Files.readString(results.resolve("results.md"))).contains("| S1 | publish throughput");
		assertThat(Files.readString(results.resolve("results.adoc"))).startsWith(".DictaMesh benchmarks")
			.contains("|===");
		assertThat(Files.readString(results.resolve("results.json"))).contains("\"scenario\" : \"S2\"");
		assertThat(report.text()).contains("KafkaProducer").contains("idempotent consumption on PostgreSQL");
	}

}
