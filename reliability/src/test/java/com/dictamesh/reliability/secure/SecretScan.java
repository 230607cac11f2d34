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
package com.dictamesh.reliability.secure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Looks for every secret of the run ({@link TestSecrets}) in a text: a log, an endpoint's
 * answer, an exception's stack trace. A failure names the secrets found and where, never
 * their values.
 */
final class SecretScan {

	private SecretScan() {
	}

	static void assertNoSecret(String where, String text) {
		TreeSet<String> found = new TreeSet<>();
		for (Map.Entry<String, String> secret : TestSecrets.all().entrySet()) {
			if (text.contains(secret.getKey())) {
				found.add(secret.getValue());
			}
		}
		assertThat(found).as("secrets found in %s", where).isEmpty();
	}

	static void assertNoSecret(String where, Throwable failure) {
		StringWriter stackTrace = new StringWriter();
		failure.printStackTrace(new PrintWriter(stackTrace));
		assertNoSecret(where, stackTrace.toString());
	}

}
