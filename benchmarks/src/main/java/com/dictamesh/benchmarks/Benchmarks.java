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
import java.util.List;

import com.dictamesh.demo.KafkaBroker;

import org.springframework.util.FileSystemUtils;

/**
 * Runs every scenario against a standalone KRaft broker in a JVM of its own and prints
 * one table, also written as Markdown, AsciiDoc and JSON under
 * {@code benchmarks/target/results}. <pre>
 * ./benchmarks.sh            # the full run, about 5 minutes
 * ./benchmarks.sh --smoke    # seconds: proves the harness, figures mean nothing
 * ./benchmarks.sh --docs     # the full run, and its table copied into src-docs
 * </pre>
 */
public final class Benchmarks {

	static final String DOCS_RESULTS = "src-docs/src/docs/asciidoc/_benchmark-results.adoc";

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		List<String> options = List.of(args);
		boolean smoke = options.contains("--smoke");
		Path root = Path.of(System.getProperty("benchmarks.root", ".")).toAbsolutePath().normalize();
		ResultsReport report = run(smoke ? Settings.SMOKE : Settings.FULL, smoke,
				root.resolve("benchmarks/target/benchmarks-run"));
		Path results = root.resolve("benchmarks/target/results");
		report.writeTo(results);
		System.out.println();
		System.out.println(report.text());
		System.out.println("Written to " + results);
		if (options.contains("--docs") && !smoke) {
			Path docs = root.resolve(DOCS_RESULTS);
			Files.createDirectories(docs.getParent());
			Files.copy(results.resolve("results.adoc"), docs, StandardCopyOption.REPLACE_EXISTING);
			System.out.println("Copied to " + docs);
		}
	}

	/**
	 * Start a broker in a fresh directory, run the scenarios, stop the broker.
	 * @param settings how much to measure
	 * @param smoke whether this is the smoke run (named in the title)
	 * @param directory the run's working directory, emptied first
	 * @return the results
	 * @throws Exception if the broker cannot be started or a scenario fails
	 */
	static ResultsReport run(Settings settings, boolean smoke, Path directory) throws Exception {
		deleteIfExists(directory);
		KafkaBroker broker = new KafkaBroker(directory.resolve("broker"), 0);
		broker.start(Duration.ofMinutes(2));
		try {
			String title = String.format("DictaMesh benchmarks%s, %s, %d cores, JDK %s, standalone KRaft broker",
					smoke ? " (smoke run: the figures mean nothing)" : "", LocalDate.now(),
					Runtime.getRuntime().availableProcessors(), Runtime.version().feature());
			List<Result> results = new ArrayList<>(new PublishScenarios(settings, broker.bootstrapServers()).run());
			results.addAll(new ConsumeScenarios(settings, broker.bootstrapServers()).run());
			return new ResultsReport(title, results);
		}
		finally {
			broker.stop();
		}
	}

	private static void deleteIfExists(Path directory) throws IOException {
		FileSystemUtils.deleteRecursively(directory);
	}

}
