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

package com.dictamesh.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a published event was written.
 *
 * @param event the event as it was sent, with the values the publisher filled in
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 * @param key the record key
 * @param timestamp the record timestamp the broker stored
 */
public record PublishResult(Event event, String topic, int partition, long offset, @Nullable String key,
		Instant timestamp) {

}
