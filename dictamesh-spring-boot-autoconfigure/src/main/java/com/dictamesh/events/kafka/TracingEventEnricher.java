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

import java.util.function.Supplier;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventEnricher;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.StringUtils;

/**
 * Writes the current trace and span ids into events that carry none, so that the envelope
 * names the trace in which it was produced even where headers are lost.
 */
public class TracingEventEnricher implements EventEnricher, SmartInitializingSingleton {

	private final Supplier<@Nullable Tracer> tracerSupplier;

	private volatile @Nullable Tracer tracer;

	private volatile boolean resolved;

	/**
	 * Create an enricher.
	 * @param tracer supplies the application's tracer, or {@code null} while there is
	 * none
	 */
	public TracingEventEnricher(Supplier<@Nullable Tracer> tracer) {
		this.tracerSupplier = tracer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// Look the tracer up once the context is complete, not on every publish.
		this.tracer = this.tracerSupplier.get();
		this.resolved = true;
	}

	@Override
	public Event enrich(Event event) {
		if (event.traceId() != null) {
			return event;
		}
		Tracer current = this.resolved ? this.tracer : this.tracerSupplier.get();
		if (current == null) {
			return event;
		}
		Span span = current.currentSpan();
		// A span that is not sampled still names the trace that traceparent carries on.
		if (span == null || !StringUtils.hasText(span.context().traceId())) {
			return event;
		}
		return event.toBuilder().trace(span.context().traceId(), span.context().spanId()).build();
	}

}
