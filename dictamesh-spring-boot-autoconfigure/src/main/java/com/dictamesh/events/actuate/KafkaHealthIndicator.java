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

import org.springframework.boot.health.contributor.Health;

/**
 * Health of the Kafka cluster: UP when it answered {@code describeCluster} at the last
 * refresh.
 */
public class KafkaHealthIndicator extends FigureHealthIndicator<KafkaClusterReader.Cluster> {

	/**
	 * Create an indicator.
	 * @param reader the cluster reader
	 * @param clock the clock
	 */
	public KafkaHealthIndicator(KafkaClusterReader reader, Clock clock) {
		super(reader, clock);
	}

	@Override
	protected void describe(KafkaClusterReader.Cluster cluster, Health.Builder builder) {
		builder.withDetail("clusterId", String.valueOf(cluster.clusterId())).withDetail("nodes", cluster.nodes());
		if (cluster.controllerId() != null) {
			builder.withDetail("controllerId", cluster.controllerId());
		}
	}

}
