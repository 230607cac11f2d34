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

import com.dictamesh.events.Event;
import com.dictamesh.events.EventEnricher;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * Writes the current trace and span ids into events that carry none, so that the envelope
 * names the trace in which it was produced even where headers are lost.
 */
public class TracingEventEnricher implements EventEnricher {

	private final Tracer tracer;

	/**
	 * Create an enricher.
	 * @param tracer the application's tracer
	 */
	public TracingEventEnricher(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public Event enrich(Event event) {
		if (event.traceId() != null) {
			return event;
		}
		Span span = this.tracer.currentSpan();
		if (span == null || span.isNoop()) {
			return event;
		}
		return event.toBuilder().trace(span.context().traceId(), span.context().spanId()).build();
	}

}
