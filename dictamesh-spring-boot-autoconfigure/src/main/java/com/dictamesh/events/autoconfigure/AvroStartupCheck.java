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

package com.dictamesh.events.autoconfigure;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.dictamesh.events.EventsConfigurationException;
import com.dictamesh.events.avro.AvroEventSerializer;
import com.dictamesh.events.avro.CompatibilityCheck;
import com.dictamesh.events.avro.CompatibilityLevel;
import com.dictamesh.events.avro.SchemaRegistryClient;
import com.dictamesh.events.avro.SchemaRegistryException;
import com.dictamesh.events.avro.SubjectNameStrategy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the starter asks the schema registry at start-up when events are written as Avro:
 * it sets the configured compatibility levels, then checks the envelope schema against
 * the latest version of the subject of each topic the starter writes to, so that an
 * incompatible envelope, or an unreachable registry, stops the application before its
 * first publish fails.
 */
final class AvroStartupCheck {

	private static final Log logger = LogFactory.getLog(AvroStartupCheck.class);

	private AvroStartupCheck() {
	}

	static void run(SchemaRegistryClient registry, List<String> registryUrls, Map<String, CompatibilityLevel> levels,
			Collection<String> topics, SubjectNameStrategy subjectNames, boolean checkCompatibility) {
		String where = describe(registryUrls);
		levels.forEach((subject, level) -> {
			try {
				registry.updateCompatibility(subject, level);
			}
			catch (SchemaRegistryException ex) {
				throw unreachable(where, "set the compatibility level of subject '" + subject + "' to " + level, ex);
			}
		});
		if (!checkCompatibility) {
			return;
		}
		Set<String> subjects = new LinkedHashSet<>();
		topics.forEach(
				(topic) -> subjects.add(subjectNames.subjectName(topic, false, AvroEventSerializer.ENVELOPE_SCHEMA)));
		for (String subject : subjects) {
			CompatibilityCheck check;
			try {
				check = registry.testCompatibility(subject, "latest", AvroEventSerializer.ENVELOPE_SCHEMA);
			}
			catch (SchemaRegistryException ex) {
				if (ex.getErrorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
						|| ex.getErrorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
					// Nothing registered yet: the first publish registers the envelope.
					continue;
				}
				throw unreachable(where, "check the envelope schema against subject '" + subject + "'", ex);
			}
			if (!check.compatible()) {
				String version = latestVersion(registry, subject);
				throw new EventsConfigurationException(
						"The event envelope schema " + AvroEventSerializer.ENVELOPE_SCHEMA.getFullName()
								+ " is not compatible with subject '" + subject + "' version " + version
								+ " in the schema registry at " + where + ": "
								+ (check.reasons().isEmpty() ? "the registry gave no reason"
										: String.join("; ", check.reasons()))
								+ ".",
						"Make the schema registered under subject '" + subject
								+ "' one this envelope can evolve from, or relax the subject's level with "
								+ "dictamesh.events.avro.compatibility." + subject + " (e.g. NONE).");
			}
			logger.debug("Envelope schema is compatible with subject '" + subject + "'");
		}
	}

	private static String latestVersion(SchemaRegistryClient registry, String subject) {
		try {
			return String.valueOf(registry.getLatestSchema(subject).version());
		}
		catch (SchemaRegistryException ex) {
			return "latest";
		}
	}

	private static EventsConfigurationException unreachable(String where, String action, SchemaRegistryException ex) {
		return new EventsConfigurationException(
				"Could not " + action + " in the schema registry at " + where + ": " + ex.getMessage() + ".",
				"Start the schema registry or correct dictamesh.events.avro.registry-url; to start without the "
						+ "check set dictamesh.events.avro.check-compatibility=false.");
	}

	static String describe(List<String> registryUrls) {
		return registryUrls.stream()
			.map((url) -> url.trim().replaceFirst("//[^/@]*@", "//"))
			.collect(Collectors.joining(", "));
	}

}
