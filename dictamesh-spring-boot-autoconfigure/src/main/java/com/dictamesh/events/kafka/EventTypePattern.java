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

package com.dictamesh.events.kafka;

/**
 * Event type patterns: an exact type, a prefix ending in {@code *}, or {@code *} alone.
 */
final class EventTypePattern {

	private EventTypePattern() {
	}

	static boolean matches(String pattern, String eventType) {
		if (pattern.endsWith("*")) {
			return eventType.startsWith(pattern.substring(0, pattern.length() - 1));
		}
		return pattern.equals(eventType);
	}

	static boolean overlaps(String pattern, String other) {
		String a = stem(pattern);
		String b = stem(other);
		if (!pattern.endsWith("*")) {
			return matches(other, pattern);
		}
		if (!other.endsWith("*")) {
			return matches(pattern, other);
		}
		return a.startsWith(b) || b.startsWith(a);
	}

	private static String stem(String pattern) {
		return pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
	}

}
