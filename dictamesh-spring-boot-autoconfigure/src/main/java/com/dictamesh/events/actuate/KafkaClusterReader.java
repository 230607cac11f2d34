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
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.jspecify.annotations.Nullable;

/**
 * Whether the Kafka cluster answers: {@code describeCluster} through an {@link Admin},
 * refreshed in the background.
 */
public class KafkaClusterReader extends CachedFigure<KafkaClusterReader.Cluster> {

	private final Admin admin;

	/**
	 * Create a reader.
	 * @param admin the admin client
	 * @param interval the refresh interval
	 * @param timeout the longest a refresh may take
	 * @param clock the clock
	 */
	public KafkaClusterReader(Admin admin, Duration interval, Duration timeout, Clock clock) {
		super("kafka-cluster", interval, timeout, clock);
		this.admin = admin;
	}

	@Override
	protected Cluster compute() throws Exception {
		long timeout = getTimeout().toMillis();
		DescribeClusterResult result = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout));
		String clusterId = result.clusterId().get(timeout, TimeUnit.MILLISECONDS);
		Collection<Node> nodes = result.nodes().get(timeout, TimeUnit.MILLISECONDS);
		Node controller = result.controller().get(timeout, TimeUnit.MILLISECONDS);
		return new Cluster(clusterId, nodes.size(),
				(controller != null && !controller.isEmpty()) ? controller.id() : null);
	}

	/**
	 * What the cluster answered.
	 *
	 * @param clusterId the cluster id
	 * @param nodes the number of brokers
	 * @param controllerId the id of the controller, if known
	 */
	public record Cluster(@Nullable String clusterId, int nodes, @Nullable Integer controllerId) {

	}

}
