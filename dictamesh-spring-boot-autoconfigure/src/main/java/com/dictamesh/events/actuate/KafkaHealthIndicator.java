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
import java.util.List;

import com.dictamesh.events.kafka.KafkaAccessDenials;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;

/**
 * Health of the Kafka cluster: UP when it answered {@code describeCluster} at the last
 * refresh, has every topic the starter declares, and refuses none of its clients access
 * (a topic the principal may not write or read, a group it may not join, credentials it
 * does not accept).
 */
public class KafkaHealthIndicator extends FigureHealthIndicator<KafkaClusterReader.Cluster> {

	private final @Nullable KafkaAccessDenials accessDenials;

	/**
	 * Create an indicator.
	 * @param reader the cluster reader
	 * @param clock the clock
	 */
	public KafkaHealthIndicator(KafkaClusterReader reader, Clock clock) {
		this(reader, null, clock);
	}

	/**
	 * Create an indicator that is also DOWN while the cluster refuses the starter's
	 * clients access, with the denials and their fixes in its details.
	 * @param reader the cluster reader
	 * @param accessDenials the denials, or {@code null}
	 * @param clock the clock
	 */
	public KafkaHealthIndicator(KafkaClusterReader reader, @Nullable KafkaAccessDenials accessDenials, Clock clock) {
		super(reader, clock);
		this.accessDenials = accessDenials;
	}

	@Override
	protected void contribute(Health.Builder builder) {
		List<KafkaAccessDenials.Denial> denials = (this.accessDenials != null) ? this.accessDenials.current()
				: List.of();
		if (!denials.isEmpty()) {
			builder.down()
				.withDetail("accessDenied", denials.stream().map(KafkaAccessDenials.Denial::toDetails).toList());
		}
	}

	@Override
	protected void describe(KafkaClusterReader.Cluster cluster, Health.Builder builder) {
		builder.withDetail("clusterId", String.valueOf(cluster.clusterId())).withDetail("nodes", cluster.nodes());
		if (cluster.controllerId() != null) {
			builder.withDetail("controllerId", cluster.controllerId());
		}
		if (!cluster.missingTopics().isEmpty()) {
			// Every send to one of them waits for it, then fails.
			builder.down().withDetail("missingTopics", cluster.missingTopics());
		}
	}

}
