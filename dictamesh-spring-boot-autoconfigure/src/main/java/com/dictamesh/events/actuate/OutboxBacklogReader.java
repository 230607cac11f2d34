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

package com.dictamesh.events.actuate;

import java.time.Clock;
import java.time.Duration;

import com.dictamesh.events.outbox.OutboxBacklog;
import com.dictamesh.events.outbox.OutboxRepository;

/**
 * The outbox backlog (pending rows and the oldest one's age), counted in the background
 * and cached so that a probe never scans the table.
 */
public class OutboxBacklogReader extends CachedFigure<OutboxBacklog> {

	private final OutboxRepository repository;

	/**
	 * Create a reader.
	 * @param repository the outbox repository
	 * @param interval the refresh interval
	 * @param timeout the longest a refresh may take
	 * @param clock the clock
	 */
	public OutboxBacklogReader(OutboxRepository repository, Duration interval, Duration timeout, Clock clock) {
		super("outbox-backlog", interval, timeout, clock);
		this.repository = repository;
	}

	@Override
	protected OutboxBacklog compute() {
		return this.repository.backlog();
	}

}
