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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.dictamesh.demo.KafkaBroker;

import org.springframework.util.FileSystemUtils;

/**
 * Runs every scenario against a standalone KRaft broker in a JVM of its own and prints
 * one table, also written as Markdown, AsciiDoc and JSON under
 * {@code benchmarks/target/results}. <pre>
 * ./benchmarks.sh              # the full run, about 15 minutes
 * ./benchmarks.sh --smoke      # seconds: proves the harness, figures mean nothing
 * ./benchmarks.sh --long       # the full run with a relay backlog of a million rows
 * ./benchmarks.sh --only=S5,S6 # the groups of scenarios that hold these ids
 * ./benchmarks.sh --docs       # the full run, and its table copied into src-docs
 * </pre> The outbox and idempotency scenarios run on an embedded PostgreSQL server,
 * started once per run beside the broker.
 */
public final class Benchmarks {

	static final String DOCS_RESULTS = "src-docs/src/docs/asciidoc/_benchmark-results.adoc";

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		List<String> options = List.of(args);
		boolean smoke = options.contains("--smoke");
		Settings settings = smoke ? Settings.SMOKE : Settings.FULL;
		if (options.contains("--long")) {
			settings = settings.withLongBacklog();
		}
		Set<String> only = options.stream()
			.filter((option) -> option.startsWith("--only="))
			.flatMap((option) -> Arrays.stream(option.substring("--only=".length()).split(",")))
			.collect(Collectors.toSet());
		Path root = Path.of(System.getProperty("benchmarks.root", ".")).toAbsolutePath().normalize();
		ResultsReport report = run(settings, smoke, only, root.resolve("benchmarks/target/benchmarks-run"));
		Path results = root.resolve("benchmarks/target/results");
		report.writeTo(results);
		System.out.println();
		System.out.println(report.text());
		System.out.println("Written to " + results);
		if (options.contains("--docs") && !smoke && only.isEmpty()) {
			Path docs = root.resolve(DOCS_RESULTS);
			Files.createDirectories(docs.getParent());
			Files.copy(results.resolve("results.adoc"), docs, StandardCopyOption.REPLACE_EXISTING);
			System.out.println("Copied to " + docs);
		}
	}

	/**
	 * Start a broker and a PostgreSQL server in a fresh directory, run the scenarios,
	 * stop both.
	 * @param settings how much to measure
	 * @param smoke whether this is the smoke run (named in the title)
	 * @param only the ids of the scenarios whose group to run, or an empty set for all
	 * @param directory the run's working directory, emptied first
	 * @return the results
	 * @throws Exception if the broker cannot be started or a scenario fails
	 */
	static ResultsReport run(Settings settings, boolean smoke, Set<String> only, Path directory) throws Exception {
		deleteIfExists(directory);
		KafkaBroker broker = new KafkaBroker(directory.resolve("broker"), 0);
		broker.start(Duration.ofMinutes(2));
		try (Postgres postgres = Postgres.start(directory.resolve("postgres"))) {
			String title = String.format(
					"DictaMesh benchmarks%s, %s, %d cores, JDK %s, standalone KRaft broker, PostgreSQL (embedded)",
					smoke ? " (smoke run: the figures mean nothing)" : "", LocalDate.now(),
					Runtime.getRuntime().availableProcessors(), Runtime.version().feature());
			String bootstrapServers = broker.bootstrapServers();
			List<Result> results = new ArrayList<>();
			if (runs(only, "S1", "S1c", "S1o", "S2")) {
				results.addAll(new PublishScenarios(settings, bootstrapServers).run());
			}
			if (runs(only, "S3", "S4", "S7")) {
				results.addAll(new ConsumeScenarios(settings, bootstrapServers, postgres).run());
			}
			if (runs(only, "S5", "S6")) {
				results.addAll(new OutboxScenarios(settings, bootstrapServers, postgres).run());
			}
			return new ResultsReport(title, results);
		}
		finally {
			broker.stop();
		}
	}

	private static boolean runs(Set<String> only, String... scenarios) {
		return only.isEmpty() || Arrays.stream(scenarios).anyMatch(only::contains);
	}

	private static void deleteIfExists(Path directory) throws IOException {
		FileSystemUtils.deleteRecursively(directory);
	}

}
