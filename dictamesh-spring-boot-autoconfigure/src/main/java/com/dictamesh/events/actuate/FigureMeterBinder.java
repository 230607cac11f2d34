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
import java.util.concurrent.TimeUnit;

import com.dictamesh.events.outbox.OutboxBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Gauges of the cached figures: {@code dictamesh.outbox.pending},
 * {@code dictamesh.outbox.oldest.age}, {@code dictamesh.consumer.lag} (tags group, topic,
 * partition) and {@code dictamesh.dead-letters} (since the start or the last reset). A
 * gauge reads the last snapshot and never the broker or the database.
 */
public class FigureMeterBinder implements MeterBinder {

	private final @Nullable ConsumerLagReader lag;

	private final @Nullable OutboxBacklogReader outbox;

	private final @Nullable DeadLetterMonitor deadLetters;

	private final Clock clock;

	/**
	 * Create a binder of the figures that exist.
	 * @param lag the consumer lag reader, if any
	 * @param outbox the outbox backlog reader, if any
	 * @param deadLetters the dead-letter monitor, if any
	 * @param clock the clock
	 */
	public FigureMeterBinder(@Nullable ConsumerLagReader lag, @Nullable OutboxBacklogReader outbox,
			@Nullable DeadLetterMonitor deadLetters, Clock clock) {
		this.lag = lag;
		this.outbox = outbox;
		this.deadLetters = deadLetters;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.outbox != null) {
			OutboxBacklogReader reader = this.outbox;
			Gauge.builder("dictamesh.outbox.pending", reader, (figure) -> backlog(figure, true))
				.description("Outbox rows waiting for the relay")
				.baseUnit("rows")
				.register(registry);
			TimeGauge
				.builder("dictamesh.outbox.oldest.age", reader, TimeUnit.MILLISECONDS,
						(figure) -> backlog(figure, false))
				.description("Time the oldest pending outbox row has waited")
				.register(registry);
		}
		if (this.deadLetters != null) {
			Gauge.builder("dictamesh.dead-letters", this.deadLetters, DeadLetterMonitor::countOrNaN)
				.description("Records in the dead-letter topics since the application started or the last reset")
				.register(registry);
		}
		if (this.lag != null) {
			MultiGauge gauge = MultiGauge.builder("dictamesh.consumer.lag")
				.description("Records a consumer group has yet to consume from a partition")
				.baseUnit("records")
				.register(registry);
			this.lag.onRefresh((snapshot) -> {
				ConsumerLag value = snapshot.value();
				if (value != null) {
					gauge.register(value.partitions()
						.stream()
						.map((partition) -> MultiGauge.Row.of(Tags.of("group", partition.group(), "topic",
								partition.topic(), "partition", String.valueOf(partition.partition())),
								partition.lag()))
						.toList(), true);
				}
			});
		}
	}

	private double backlog(OutboxBacklogReader reader, boolean pending) {
		Snapshot<OutboxBacklog> snapshot = reader.snapshot();
		OutboxBacklog backlog = (snapshot != null) ? snapshot.value() : null;
		if (backlog == null) {
			return Double.NaN;
		}
		return pending ? backlog.pending() : backlog.oldestAge(this.clock.instant()).toMillis();
	}

}
