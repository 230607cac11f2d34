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
 * The registry's answer to "can this schema be registered under this subject?".
 *
 * @param subject the subject
 * @param version the version checked against, a number or {@code latest}
 * @param compatible whether the schema is compatible
 * @param reasons why not, as the registry words it; empty when compatible or when the
 * registry gave none
 */
public record CompatibilityCheck(String subject, String version, boolean compatible, List<String> reasons) {

	/**
	 * Create a result.
	 * @param subject the subject
	 * @param version the version
	 * @param compatible whether compatible
	 * @param reasons the reasons
	 */
	public CompatibilityCheck {
		reasons = List.copyOf(reasons);
	}

	/**
	 * Throw unless the schema is compatible.
	 * @throws IncompatibleSchemaException with the subject, version and reasons
	 */
	public void requireCompatible() {
		if (!this.compatible) {
			throw new IncompatibleSchemaException(this.subject, this.version, this.reasons);
		}
	}

}
