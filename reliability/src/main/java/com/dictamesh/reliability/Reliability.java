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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the reliability scenarios one after the other, each against processes of its own,
 * and prints one table, also written as Markdown, AsciiDoc and JSON under
 * {@code reliability/target/results}. <pre>
 * ./reliability.sh           # the long run
 * ./reliability.sh --fast    # the scale of the test suite
 * ./reliability.sh --docs    # the long run, and its table copied into src-docs
 * </pre>
 */
public final class Reliability {

	static final String DOCS_RESULTS = "src-docs/src/docs/asciidoc/_reliability-results.adoc";

	private Reliability() {
	}

	/**
	 * Return the scenarios, in the order they run.
	 * @return the scenarios
	 */
	static List<Scenario> scenarios() {
		return List.of(new ServiceKilledDuringRelay(), new BrokerKilledUnderLoad(), new DatabaseRestartedUnderLoad(),
				new MalformedRecordsScenario(), new SlowHandlerScenario());
	}

	public static void main(String[] args) throws Exception {
		List<String> options = List.of(args);
		boolean fast = options.contains("--fast");
		Scale scale = fast ? Scale.FAST : Scale.LONG;
		Path root = Path.of(System.getProperty("reliability.root", ".")).toAbsolutePath().normalize();
		Path work = root.resolve("reliability/target/reliability-run");
		List<Tally> tallies = new ArrayList<>();
		Instant started = Instant.now();
		for (Scenario scenario : scenarios()) {
			System.out.println("==> " + scenario.name() + " (" + scale.name() + ", " + scale.events() + " events)");
			Tally tally = scenario.run(scale, work.resolve(scenario.getClass().getSimpleName()));
			System.out.println("    sent " + tally.sent() + ", received " + tally.received() + ", duplicated "
					+ tally.duplicated() + ", lost " + tally.lost() + ". " + tally.note());
			tallies.add(tally);
		}
		String title = String.format(Locale.ROOT,
				"DictaMesh reliability, %s run (%,d events a scenario), %s, %d cores, JDK %s, %d min", scale.name(),
				scale.events(), LocalDate.now(), Runtime.getRuntime().availableProcessors(),
				Runtime.version().feature(), Duration.between(started, Instant.now()).toMinutes());
		ResultsTable table = new ResultsTable(title, tallies);
		Path results = root.resolve("reliability/target/results");
		table.writeTo(results);
		System.out.println();
		System.out.println(table.text());
		System.out.println("Written to " + results);
		if (options.contains("--docs") && !fast) {
			Path docs = root.resolve(DOCS_RESULTS);
			Files.createDirectories(docs.getParent());
			Files.copy(results.resolve("results.adoc"), docs, StandardCopyOption.REPLACE_EXISTING);
			System.out.println("Copied to " + docs);
		}
		// The Kafka clients' threads must not keep the JVM alive.
		System.exit(tallies.stream().allMatch(Tally::lostNothing) ? 0 : 1);
	}

}
