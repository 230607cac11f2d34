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

import com.dictamesh.events.CausalContext;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import com.dictamesh.events.EventEnricher;
import com.dictamesh.events.EventMetadata;

import org.springframework.util.StringUtils;

/**
 * Fills in the causal metadata of an event from the current {@link CausalContext}: the
 * flow's correlation id, the handled event's id as causation id, the user, session and
 * tags; a value the application set is kept. An event published outside any context
 * starts a flow: its own id becomes its correlation id.
 */
public class CausalContextEventEnricher implements EventEnricher {

	@Override
	public Event enrich(Event event) {
		CausalContext context = EventContext.current();
		EventMetadata metadata = event.metadata();
		EventMetadata completed;
		if (context != null) {
			completed = context.complete(metadata);
		}
		else if (!StringUtils.hasText(metadata.correlationId())) {
			completed = metadata.withCorrelationId(event.eventId());
		}
		else {
			return event;
		}
		return completed.equals(metadata) ? event : event.withMetadata(completed);
	}

}
