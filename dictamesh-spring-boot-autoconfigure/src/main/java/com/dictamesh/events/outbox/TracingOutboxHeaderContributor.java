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

import java.util.Map;
import java.util.function.Supplier;

import com.dictamesh.events.Event;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Captures the writing thread's trace context (W3C {@code traceparent} or the propagation
 * the application configured) in the outbox row, so that the record the relay publishes
 * later continues the trace of the transaction that wrote it.
 */
public class TracingOutboxHeaderContributor implements OutboxHeaderContributor, SmartInitializingSingleton {

	private final Supplier<@Nullable Tracer> tracerSupplier;

	private final Supplier<@Nullable Propagator> propagatorSupplier;

	private volatile @Nullable Tracer tracer;

	private volatile @Nullable Propagator propagator;

	private volatile boolean resolved;

	/**
	 * Create a contributor.
	 * @param tracer supplies the application's tracer, or {@code null}
	 * @param propagator supplies the application's propagator, or {@code null}
	 */
	public TracingOutboxHeaderContributor(Supplier<@Nullable Tracer> tracer,
			Supplier<@Nullable Propagator> propagator) {
		this.tracerSupplier = tracer;
		this.propagatorSupplier = propagator;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.tracer = this.tracerSupplier.get();
		this.propagator = this.propagatorSupplier.get();
		this.resolved = true;
	}

	@Override
	public void contribute(Event event, Map<String, String> headers) {
		Tracer currentTracer = this.resolved ? this.tracer : this.tracerSupplier.get();
		Propagator currentPropagator = this.resolved ? this.propagator : this.propagatorSupplier.get();
		if (currentTracer == null || currentPropagator == null) {
			return;
		}
		Span span = currentTracer.currentSpan();
		if (span != null) {
			currentPropagator.inject(span.context(), headers, Map::put);
		}
	}

}
