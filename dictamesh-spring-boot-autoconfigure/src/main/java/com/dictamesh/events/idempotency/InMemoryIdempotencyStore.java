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

package com.dictamesh.events.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link IdempotencyStore} in the application's memory, for applications without a
 * database. It holds at most a given number of marks, forgetting the oldest first, and it
 * is lost on restart and not shared between instances: use it only for a single instance
 * whose handlers tolerate a duplicate after a restart.
 */
public class InMemoryIdempotencyStore implements IdempotencyStore {

	private final int capacity;

	private final Clock clock;

	private final LinkedHashMap<String, Instant> marks = new LinkedHashMap<>();

	/**
	 * Create a store.
	 * @param capacity the most marks kept
	 * @param clock the clock of the marks' times
	 */
	public InMemoryIdempotencyStore(int capacity, Clock clock) {
		this.capacity = capacity;
		this.clock = clock;
	}

	@Override
	public synchronized boolean mark(String group, String handlerId, String eventId) {
		String key = key(group, handlerId, eventId);
		if (this.marks.containsKey(key)) {
			return false;
		}
		this.marks.put(key, this.clock.instant());
		if (this.marks.size() > this.capacity) {
			Iterator<String> oldest = this.marks.keySet().iterator();
			oldest.next();
			oldest.remove();
		}
		return true;
	}

	@Override
	public synchronized Set<String> findProcessed(String group, String handlerId, Collection<String> eventIds) {
		Set<String> processed = new HashSet<>();
		for (String eventId : eventIds) {
			if (this.marks.containsKey(key(group, handlerId, eventId))) {
				processed.add(eventId);
			}
		}
		return processed;
	}

	@Override
	public synchronized int deleteExpired(Duration timeToLive, int limit) {
		Instant cutoff = this.clock.instant().minus(timeToLive);
		int deleted = 0;
		Iterator<Map.Entry<String, Instant>> entries = this.marks.entrySet().iterator();
		while (entries.hasNext() && deleted < limit) {
			if (!entries.next().getValue().isBefore(cutoff)) {
				break;
			}
			entries.remove();
			deleted++;
		}
		return deleted;
	}

	@Override
	public boolean isTransactional() {
		return false;
	}

	private static String key(String group, String handlerId, String eventId) {
		return group + '\u0000' + handlerId + '\u0000' + eventId;
	}

}
