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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs the reliability scenarios one after the other, each against processes of its own,
 * and prints one table, also written as Markdown, AsciiDoc and JSON under
 * {@code reliability/target/results}. <pre>
 * ./reliability.sh                  # the long run
 * ./reliability.sh --fast           # the scale of the test suite
 * ./reliability.sh --docs           # the long run, and its tables copied into src-docs
 * ./reliability.sh --only=cluster   # only some scenarios: "cluster" or class names
 * </pre> The documentation has two tables, one of the scenarios on a single broker and
 * one of those on a cluster; {@code --docs} copies each table whose scenarios all ran.
 */
public final class Reliability {

	static final String DOCS_RESULTS = "src-docs/src/docs/asciidoc/_reliability-results.adoc";

	static final String DOCS_CLUSTER_RESULTS = "src-docs/src/docs/asciidoc/_reliability-cluster-results.adoc";

	/**
	 * The name {@code --only} takes for every scenario against a cluster.
	 */
	static final String CLUSTER = "cluster";

	private Reliability() {
	}

	/**
	 * Return the scenarios, in the order they run.
	 * @return the scenarios
	 */
	static List<Scenario> scenarios() {
		return List.of(new ServiceKilledDuringRelay(), new BrokerKilledUnderLoad(), new DatabaseRestartedUnderLoad(),
				new MalformedRecordsScenario(), new SlowHandlerScenario(), new ClusterLeaderKilled(),
				new ClusterInstanceKilled());
	}

	/**
	 * Return the scenarios {@code --only} selects, in the order they run.
	 * @param only the names given: {@value #CLUSTER}, or the scenarios' class names;
	 * empty for every scenario
	 * @return the scenarios
	 * @throws IllegalArgumentException if a name is none of those
	 */
	static List<Scenario> selected(Set<String> only) {
		List<Scenario> all = scenarios();
		Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		known.add(CLUSTER);
		all.forEach((scenario) -> known.add(scenario.getClass().getSimpleName()));
		List<String> unknown = only.stream().filter((name) -> !known.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown scenario(s) " + unknown + " in --only, choose among " + known);
		}
		return all.stream().filter((scenario) -> only.isEmpty() || selects(only, scenario)).toList();
	}

	private static boolean selects(Set<String> only, Scenario scenario) {
		return only.stream()
			.anyMatch((name) -> name.equalsIgnoreCase(scenario.getClass().getSimpleName())
					|| (name.equalsIgnoreCase(CLUSTER) && scenario instanceof ClusterScenario));
	}

	public static void main(String[] args) throws Exception {
		List<String> options = List.of(args);
		boolean fast = options.contains("--fast");
		Scale scale = fast ? Scale.FAST : Scale.LONG;
		Set<String> only = options.stream()
			.filter((option) -> option.startsWith("--only="))
			.flatMap((option) -> Arrays.stream(option.substring("--only=".length()).split(",")))
			.map(String::trim)
			.filter((name) -> !name.isEmpty())
			.collect(Collectors.toCollection(LinkedHashSet::new));
		List<Scenario> scenarios;
		try {
			scenarios = selected(only);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		Path root = Path.of(System.getProperty("reliability.root", ".")).toAbsolutePath().normalize();
		Path work = root.resolve("reliability/target/reliability-run");
		Map<Scenario, Tally> tallied = new LinkedHashMap<>();
		Map<Scenario, Duration> took = new LinkedHashMap<>();
		for (Scenario scenario : scenarios) {
			System.out.println("==> " + scenario.name() + " (" + scale.name() + ", " + scale.events() + " events)");
			Instant started = Instant.now();
			Tally tally = scenario.run(scale, work.resolve(scenario.getClass().getSimpleName()));
			took.put(scenario, Duration.between(started, Instant.now()));
			System.out.println("    sent " + tally.sent() + ", received " + tally.received() + ", duplicated "
					+ tally.duplicated() + ", lost " + tally.lost() + ". " + tally.note());
			tallied.put(scenario, tally);
		}
		ResultsTable table = table(scale, tallied, took, (scenario) -> true);
		Path results = root.resolve("reliability/target/results");
		table.writeTo(results);
		System.out.println();
		System.out.println(table.text());
		System.out.println("Written to " + results);
		if (options.contains("--docs") && !fast) {
			copyToDocs(root.resolve(DOCS_RESULTS), scale, tallied, took,
					(scenario) -> !(scenario instanceof ClusterScenario));
			copyToDocs(root.resolve(DOCS_CLUSTER_RESULTS), scale, tallied, took,
					(scenario) -> scenario instanceof ClusterScenario);
		}
		// The Kafka clients' threads must not keep the JVM alive.
		System.exit(tallied.values().stream().allMatch(Tally::lostNothing) ? 0 : 1);
	}

	/**
	 * Copy the table of some scenarios into the documentation when they all ran, so that
	 * a table there never mixes runs.
	 */
	private static void copyToDocs(Path docs, Scale scale, Map<Scenario, Tally> tallied, Map<Scenario, Duration> took,
			Predicate<Scenario> belongs) throws IOException {
		List<String> missing = scenarios().stream()
			.filter(belongs)
			.filter((scenario) -> tallied.keySet().stream().noneMatch((ran) -> ran.getClass() == scenario.getClass()))
			.map(Scenario::name)
			.toList();
		if (!missing.isEmpty()) {
			System.out.println("Not copied to " + docs + ": " + missing + " did not run");
			return;
		}
		Files.createDirectories(docs.getParent());
		Files.writeString(docs, table(scale, tallied, took, belongs).asciidoc());
		System.out.println("Copied to " + docs);
	}

	private static ResultsTable table(Scale scale, Map<Scenario, Tally> tallied, Map<Scenario, Duration> took,
			Predicate<Scenario> belongs) {
		List<Tally> tallies = new ArrayList<>();
		Duration duration = Duration.ZERO;
		for (Map.Entry<Scenario, Tally> entry : tallied.entrySet()) {
			if (belongs.test(entry.getKey())) {
				tallies.add(entry.getValue());
				duration = duration.plus(took.get(entry.getKey()));
			}
		}
		String title = String.format(Locale.ROOT,
				"DictaMesh reliability, %s run (%,d events a scenario), %s, %d cores, JDK %s, %d min", scale.name(),
				scale.events(), LocalDate.now(), Runtime.getRuntime().availableProcessors(),
				Runtime.version().feature(), duration.toMinutes());
		return new ResultsTable(title, tallies);
	}

}
