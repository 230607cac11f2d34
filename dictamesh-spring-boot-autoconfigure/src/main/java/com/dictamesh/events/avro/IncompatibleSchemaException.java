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

package com.dictamesh.events.avro;

import java.util.List;

/**
 * Thrown when the schema registry finds a schema incompatible with a subject's version
 * under the subject's compatibility level.
 */
public class IncompatibleSchemaException extends RuntimeException {

	private final String subject;

	private final String version;

	private final List<String> reasons;

	/**
	 * Create an exception.
	 * @param subject the subject
	 * @param version the version checked against, a number or {@code latest}
	 * @param reasons the registry's reasons
	 */
	public IncompatibleSchemaException(String subject, String version, List<String> reasons) {
		super("Schema is not compatible with subject '" + subject + "' version " + version
				+ (reasons.isEmpty() ? " (the registry gave no reason)" : ": " + String.join("; ", reasons)));
		this.subject = subject;
		this.version = version;
		this.reasons = List.copyOf(reasons);
	}

	/**
	 * Return the subject.
	 * @return the subject
	 */
	public String getSubject() {
		return this.subject;
	}

	/**
	 * Return the version checked against.
	 * @return a version number, or {@code latest}
	 */
	public String getVersion() {
		return this.version;
	}

	/**
	 * Return the registry's reasons.
	 * @return the reasons, possibly empty
	 */
	public List<String> getReasons() {
		return this.reasons;
	}

}
