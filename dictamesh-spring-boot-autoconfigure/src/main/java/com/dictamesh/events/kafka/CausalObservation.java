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

import com.dictamesh.events.EventMdc;
import com.dictamesh.events.CausalContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Names the event being handled on the current observation (Spring Kafka's listener
 * observation when it is enabled): the event type as a low-cardinality key value, the ids
 * as high-cardinality ones, which tracing turns into span attributes and metrics leave
 * out. The keys are the MDC keys of {@link EventMdc}.
 */
final class CausalObservation {

	private CausalObservation() {
	}

	static void tagCurrent(@Nullable ObservationRegistry registry, CausalContext context) {
		Observation observation = (registry != null) ? registry.getCurrentObservation() : null;
		if (observation == null || observation.isNoop()) {
			return;
		}
		if (context.eventType() != null) {
			observation.lowCardinalityKeyValue(EventMdc.EVENT_TYPE, context.eventType());
		}
		if (context.eventId() != null) {
			observation.highCardinalityKeyValue(EventMdc.EVENT_ID, context.eventId());
		}
		observation.highCardinalityKeyValue(EventMdc.CORRELATION_ID, context.correlationId());
		if (context.causationId() != null) {
			observation.highCardinalityKeyValue(EventMdc.CAUSATION_ID, context.causationId());
		}
	}

}
