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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import com.dictamesh.events.CausalContext;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import com.dictamesh.events.EventMdc;
import com.dictamesh.events.EventMetadata;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CausalContextEventEnricher}, {@link EventContext}'s causal context and
 * {@link CausalObservation}.
 */
class CausalContextEventEnricherTests {

	private final CausalContextEventEnricher enricher = new CausalContextEventEnricher();

	private final Event handled = Event.builder("order.placed")
		.metadata(new EventMetadata("flow-1", "cause-0", "alice", "s-1", Map.of("tenant", "acme")))
		.build();

	@Test
	void anEventPublishedOutsideAnyContextStartsAFlowWithItsOwnId() {
		Event event = this.enricher.enrich(Event.builder("order.placed").build());
		assertThat(event.metadata().correlationId()).isEqualTo(event.eventId());
		assertThat(event.metadata().causationId()).isNull();
	}

	@Test
	void anEventPublishedWhileHandlingOneIsCausedByItAndInItsFlow() {
		Event next = EventContext.callWith(CausalContext.handling(this.handled),
				() -> this.enricher.enrich(Event.builder("payment.requested").build()));
		assertThat(next.metadata())
			.isEqualTo(new EventMetadata("flow-1", this.handled.eventId(), "alice", "s-1", Map.of("tenant", "acme")));
	}

	@Test
	void whatTheApplicationSetIsKept() {
		Event next = EventContext.callWith(CausalContext.handling(this.handled),
				() -> this.enricher.enrich(Event.builder("payment.requested")
					.metadata(new EventMetadata("other-flow", "my-cause", "bob", null, Map.of("tenant", "beta")))
					.build()));
		assertThat(next.metadata())
			.isEqualTo(new EventMetadata("other-flow", "my-cause", "bob", "s-1", Map.of("tenant", "beta")));
	}

	@Test
	void anEventWithoutCorrelationIdStartsTheFlowOfItsFollowUps() {
		Event root = Event.builder("order.placed").build();
		assertThat(CausalContext.handling(root).correlationId()).isEqualTo(root.eventId());
	}

	@Test
	void runWithRestoresThePreviousContextAndMdcEvenWhenTheBlockThrows() {
		CausalContext outer = CausalContext.startingFlow("outer");
		try (EventContext.Scope scope = EventContext.open(outer)) {
			assertThatIllegalStateException()
				.isThrownBy(() -> EventContext.runWith(CausalContext.handling(this.handled), () -> {
					assertThat(MDC.get(EventMdc.EVENT_ID)).isEqualTo(this.handled.eventId());
					assertThat(MDC.get(EventMdc.CAUSATION_ID)).isEqualTo("cause-0");
					throw new IllegalStateException("boom");
				}));
			assertThat(EventContext.current()).isEqualTo(outer);
			assertThat(MDC.get(EventMdc.CORRELATION_ID)).isEqualTo("outer");
			assertThat(MDC.get(EventMdc.EVENT_ID)).isNull();
		}
		assertThat(EventContext.current()).isNull();
		assertThat(MDC.get(EventMdc.CORRELATION_ID)).isNull();
	}

	@Test
	void publishingMdcNamesThePublishedEventAndPutsBackTheHandledOnes() {
		EventContext.runWith(CausalContext.handling(this.handled), () -> {
			Event next = this.enricher.enrich(Event.builder("payment.requested").build());
			try (EventContext.Scope mdc = EventMdc.publishing(next)) {
				assertThat(MDC.get(EventMdc.EVENT_ID)).isEqualTo(next.eventId());
				assertThat(MDC.get(EventMdc.CAUSATION_ID)).isEqualTo(this.handled.eventId());
			}
			assertThat(MDC.get(EventMdc.EVENT_ID)).isEqualTo(this.handled.eventId());
		});
	}

	@Test
	void contextPropagationCarriesTheContextToAnotherThread() throws Exception {
		ExecutorService threads = Executors.newSingleThreadExecutor();
		try {
			ExecutorService propagating = ContextExecutorService.wrap(threads,
					() -> ContextSnapshotFactory.builder().build().captureAll());
			List<Object> seen = new ArrayList<>();
			Future<?> task = EventContext.callWith(CausalContext.handling(this.handled),
					() -> propagating.submit(() -> {
						seen.add(EventContext.current());
						seen.add(MDC.get(EventMdc.EVENT_ID));
					}));
			task.get();
			assertThat(seen).containsExactly(CausalContext.handling(this.handled), this.handled.eventId());
			assertThat(CompletableFuture.supplyAsync(EventContext::current, threads).get()).as("cleared afterwards")
				.isNull();
		}
		finally {
			threads.shutdown();
		}
	}

	@Test
	void theCurrentObservationGetsTheTypeAsLowAndTheIdsAsHighCardinalityKeyValues() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		Observation observation = Observation.start("listener", registry);
		try (Observation.Scope scope = observation.openScope()) {
			CausalObservation.tagCurrent(registry, CausalContext.handling(this.handled));
		}
		observation.stop();
		assertThat(registry).hasObservationWithNameEqualTo("listener")
			.that()
			.hasLowCardinalityKeyValue(EventMdc.EVENT_TYPE, "order.placed")
			.hasHighCardinalityKeyValue(EventMdc.EVENT_ID, this.handled.eventId())
			.hasHighCardinalityKeyValue(EventMdc.CORRELATION_ID, "flow-1")
			.hasHighCardinalityKeyValue(EventMdc.CAUSATION_ID, "cause-0");
	}

	@Test
	void noObservationIsNoProblem() {
		CausalObservation.tagCurrent(null, CausalContext.handling(this.handled));
		CausalObservation.tagCurrent(TestObservationRegistry.create(), CausalContext.handling(this.handled));
	}

}
