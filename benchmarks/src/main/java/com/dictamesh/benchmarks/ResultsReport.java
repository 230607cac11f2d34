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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The results of a run as one table: printed, and written as Markdown, AsciiDoc (for the
 * documentation) and JSON.
 */
final class ResultsReport {

	private static final String[] HEADINGS = { "Scenario", "Measure", "Ours (median, min-max)",
			"Baseline (median, min-max)", "Ratio", "Target" };

	private final String title;

	private final List<Result> results;

	ResultsReport(String title, List<Result> results) {
		this.title = title;
		this.results = List.copyOf(results);
	}

	List<Result> results() {
		return this.results;
	}

	/**
	 * Write {@code results.md}, {@code results.adoc} and {@code results.json} into a
	 * directory.
	 * @param directory the directory, created when missing
	 * @throws IOException if a file cannot be written
	 */
	void writeTo(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("results.md"), markdown());
		Files.writeString(directory.resolve("results.adoc"), asciidoc());
		Files.writeString(directory.resolve("results.json"), json());
	}

	String text() {
		List<String[]> rows = rows();
		int[] widths = new int[HEADINGS.length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder text = new StringBuilder(this.title).append(System.lineSeparator());
		for (int r = 0; r < rows.size(); r++) {
			String[] row = rows.get(r);
			for (int i = 0; i < row.length; i++) {
				text.append(String.format("%-" + widths[i] + "s", row[i])).append((i < row.length - 1) ? "  " : "");
			}
			text.append(System.lineSeparator());
			if (r == 0) {
				for (int i = 0; i < widths.length; i++) {
					text.append("-".repeat(widths[i])).append((i < widths.length - 1) ? "  " : "");
				}
				text.append(System.lineSeparator());
			}
		}
		return text.toString();
	}

	String markdown() {
		List<String[]> rows = rows();
		StringBuilder markdown = new StringBuilder("# ").append(this.title).append("\n\n");
		for (int r = 0; r < rows.size(); r++) {
			markdown.append("| ").append(String.join(" | ", rows.get(r))).append(" |\n");
			if (r == 0) {
				markdown.append("|").append(" --- |".repeat(HEADINGS.length)).append('\n');
			}
		}
		return markdown.toString();
	}

	String asciidoc() {
		List<String[]> rows = rows();
		StringBuilder adoc = new StringBuilder(".").append(this.title).append('\n');
		adoc.append("[cols=\"1,4,3,3,1,2\",options=\"header\"]\n|===\n");
		for (String[] row : rows) {
			for (String cell : row) {
				adoc.append('|').append(cell.replace("|", "\\|")).append('\n');
			}
			adoc.append('\n');
		}
		return adoc.append("|===\n").toString();
	}

	String json() {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Result result : this.results) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("scenario", result.scenario());
			row.put("measure", result.measure());
			row.put("unit", result.unit());
			row.put("ours", result.ours().values());
			row.put("baseline_name", result.baselineName());
			row.put("baseline", result.baseline().values());
			row.put("ratio", result.ratio());
			row.put("higher_is_better", result.higherIsBetter());
			row.put("target", result.target());
			rows.add(row);
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("title", this.title);
		document.put("results", rows);
		return new JsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(document);
	}

	private List<String[]> rows() {
		List<String[]> rows = new ArrayList<>();
		rows.add(HEADINGS);
		for (Result result : this.results) {
			rows.add(new String[] { result.scenario(), result.measure(), figures(result.ours(), result.unit()),
					result.baselineName() + ": " + figures(result.baseline(), result.unit()),
					String.format(Locale.ROOT, "%.2f", result.ratio()), result.target() });
		}
		return rows;
	}

	private static String figures(Figures figures, String unit) {
		return String.format(Locale.ROOT, "%s %s (%s-%s)", number(figures.median()), unit, number(figures.min()),
				number(figures.max()));
	}

	private static String number(double value) {
		return (value >= 100) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
	}

}
