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

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of a test run: random passwords generated per run, and every secret handed
 * out by name, so that a scan of logs and endpoints can look for all of them and say
 * which it found without printing it.
 */
final class TestSecrets {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom random = new SecureRandom();

	// By secret, so that two secrets may share a name.
	private static final Map<String, String> issued = new ConcurrentHashMap<>();

	private TestSecrets() {
	}

	/**
	 * Generate a password of 24 letters and digits: nothing a JAAS option, a SCRAM
	 * credential argument or a properties file would need to quote, and long enough that
	 * finding it in a log is no accident.
	 * @param name what the password is for
	 * @return the password
	 */
	static String password(String name) {
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 24; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return remember(name, password.toString());
	}

	/**
	 * Remember a secret made of others, such as a JAAS configuration.
	 * @param name what the secret is
	 * @param secret the secret
	 * @return the secret
	 */
	static String remember(String name, String secret) {
		issued.putIfAbsent(secret, name);
		return secret;
	}

	/**
	 * Return every secret handed out in this JVM, each with its name.
	 * @return the names by secret
	 */
	static Map<String, String> all() {
		return Map.copyOf(issued);
	}

}
