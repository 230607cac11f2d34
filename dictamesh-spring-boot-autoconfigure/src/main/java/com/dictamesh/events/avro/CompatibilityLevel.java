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

/**
 * A subject's compatibility level, as the schema registry names it. "Backward" means a
 * new schema can read data written with the previous one(s); "forward" means the previous
 * one(s) can read data written with the new one; "transitive" means all previous versions
 * rather than the latest only.
 */
public enum CompatibilityLevel {

	/**
	 * No check.
	 */
	NONE,

	/**
	 * The new schema reads data written with the latest version.
	 */
	BACKWARD,

	/**
	 * The new schema reads data written with every version.
	 */
	BACKWARD_TRANSITIVE,

	/**
	 * The latest version reads data written with the new schema.
	 */
	FORWARD,

	/**
	 * Every version reads data written with the new schema.
	 */
	FORWARD_TRANSITIVE,

	/**
	 * Backward and forward with the latest version.
	 */
	FULL,

	/**
	 * Backward and forward with every version.
	 */
	FULL_TRANSITIVE;

	boolean transitive() {
		return this == BACKWARD_TRANSITIVE || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
	}

	boolean backward() {
		return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
	}

	boolean forward() {
		return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
	}

}
