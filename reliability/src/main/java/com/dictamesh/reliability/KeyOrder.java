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

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Whether each key's events came in the order they were written: shown the events as they
 * came (a partition's records in offset order, or the effects in the order they were
 * applied), it takes the first occurrence of each event and checks that the sequence
 * numbers of a key's events only increase. A later copy of an event (a duplicate) is
 * passed over: at-least-once delivery allows it, and the idempotency store absorbs it.
 */
final class KeyOrder {

	private final Set<String> seen = new HashSet<>();

	private final Map<String, Long> last = new HashMap<>();

	private long events;

	private long outOfOrder;

	private @Nullable String first;

	/**
	 * Take the next event.
	 * @param key the event's key
	 * @param eventId the event's id
	 * @param seq the sequence number it was written with, increasing per key
	 */
	void accept(String key, String eventId, long seq) {
		if (!this.seen.add(eventId)) {
			return;
		}
		this.events++;
		Long previous = this.last.get(key);
		if (previous != null && seq <= previous) {
			this.outOfOrder++;
			if (this.first == null) {
				this.first = "key " + key + ": " + seq + " after " + previous;
			}
			return;
		}
		this.last.put(key, seq);
	}

	/**
	 * Return the events that came after an event of their key written later.
	 * @return the events out of order, 0 when every key's order was kept
	 */
	long outOfOrder() {
		return this.outOfOrder;
	}

	long events() {
		return this.events;
	}

	int keys() {
		return this.last.size();
	}

	/**
	 * Say what was checked and found, for a note.
	 * @return such as {@code order kept for 100 keys (2000 events)}
	 */
	String summary() {
		return (this.outOfOrder == 0) ? "order kept for " + keys() + " keys (" + this.events + " events)"
				: this.outOfOrder + " of " + this.events + " events out of order, the first " + this.first;
	}

}
