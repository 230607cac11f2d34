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

package com.dictamesh.events.autoconfigure;

import java.time.Clock;

import com.dictamesh.events.actuate.ConsumerLagReader;
import com.dictamesh.events.actuate.DeadLetterMonitor;
import com.dictamesh.events.actuate.FigureMeterBinder;
import com.dictamesh.events.actuate.OutboxBacklogReader;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.MicrometerEventMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer meters of DictaMesh events: published, failed and
 * dead-lettered events, publish latency and handler duration, and the gauges of the
 * cached figures (consumer lag, outbox backlog, dead letters).
 */
@AutoConfiguration(
		after = { DictameshEventsAutoConfiguration.class, DictameshOutboxAutoConfiguration.class,
				DictameshHealthAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, EventHandlerContainers.class })
public final class DictameshMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MicrometerEventMetrics dictameshEventMetrics(MeterRegistry registry) {
		return new MicrometerEventMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	FigureMeterBinder dictameshFigureMetrics(ObjectProvider<ConsumerLagReader> lag,
			ObjectProvider<OutboxBacklogReader> outbox, ObjectProvider<DeadLetterMonitor> deadLetters) {
		return new FigureMeterBinder(lag.getIfUnique(), outbox.getIfUnique(), deadLetters.getIfUnique(),
				Clock.systemUTC());
	}

}
