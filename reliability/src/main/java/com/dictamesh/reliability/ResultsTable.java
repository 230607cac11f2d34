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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The tallies of a run as one table: printed, and written as Markdown, AsciiDoc (for the
 * documentation) and JSON.
 */
final class ResultsTable {

	private static final String[] HEADINGS = { "Scenario", "Fault", "Sent", "Received", "Duplicated", "Lost", "Note" };

	private final String title;

	private final List<Tally> tallies;

	ResultsTable(String title, List<Tally> tallies) {
		this.title = title;
		this.tallies = List.copyOf(tallies);
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

	/**
	 * Return the table as plain text, the note of each scenario on lines of its own (it
	 * is too long for a column).
	 * @return the text
	 */
	String text() {
		List<String[]> rows = rows();
		int columns = HEADINGS.length - 1;
		int[] widths = new int[columns];
		for (String[] row : rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		String newLine = System.lineSeparator();
		StringBuilder text = new StringBuilder(this.title).append(newLine);
		for (int r = 0; r < rows.size(); r++) {
			String[] row = rows.get(r);
			for (int i = 0; i < columns; i++) {
				String format = (i < 2) ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
				text.append(String.format(format, row[i])).append((i < columns - 1) ? "  " : newLine);
			}
			if (r == 0) {
				for (int i = 0; i < columns; i++) {
					text.append("-".repeat(widths[i])).append((i < columns - 1) ? "  " : newLine);
				}
			}
			else {
				text.append("    ").append(row[columns]).append(newLine);
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
		StringBuilder adoc = new StringBuilder(".").append(this.title).append('\n');
		adoc.append("[cols=\"3,3,1,1,1,1,6\",options=\"header\"]\n|===\n");
		for (String[] row : rows()) {
			for (String cell : row) {
				adoc.append('|').append(cell.replace("|", "\\|")).append('\n');
			}
			adoc.append('\n');
		}
		return adoc.append("|===\n").toString();
	}

	String json() {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Tally tally : this.tallies) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("scenario", tally.scenario());
			row.put("fault", tally.fault());
			row.put("sent", tally.sent());
			row.put("received", tally.received());
			row.put("duplicated", tally.duplicated());
			row.put("lost", tally.lost());
			row.put("note", tally.note());
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
		for (Tally tally : this.tallies) {
			rows.add(new String[] { tally.scenario(), tally.fault(), Long.toString(tally.sent()),
					Long.toString(tally.received()), Long.toString(tally.duplicated()), Long.toString(tally.lost()),
					tally.note() });
		}
		return rows;
	}

}
