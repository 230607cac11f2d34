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

package com.dictamesh.events.outbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A pending outbox row, as the relay reads it.
 *
 * @param id the row id, increasing in insertion order
 * @param eventId the event id
 * @param topic the topic
 * @param key the record key
 * @param payload the record value
 * @param headers the record headers as JSON
 * @param attempts the failed publish attempts so far
 * @param createdAt when the row was written, by the database's clock
 */
public record OutboxRow(long id, String eventId, String topic, @Nullable String key, byte[] payload, String headers,
		int attempts, Instant createdAt) {

}
