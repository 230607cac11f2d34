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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dictamesh.events.actuate.ConsumerLag.PartitionLag;

import org.springframework.boot.health.contributor.Health;

/**
 * Health of the consumer groups: DOWN when a partition lags more records than the
 * threshold, with the worst partitions in the details.
 */
public class ConsumerLagHealthIndicator extends FigureHealthIndicator<ConsumerLag> {

	private final long threshold;

	private final int worst;

	/**
	 * Create an indicator.
	 * @param reader the lag reader
	 * @param threshold the largest lag of a partition that is still healthy
	 * @param worst how many of the worst partitions to show
	 * @param clock the clock
	 */
	public ConsumerLagHealthIndicator(ConsumerLagReader reader, long threshold, int worst, Clock clock) {
		super(reader, clock);
		this.threshold = threshold;
		this.worst = worst;
	}

	@Override
	protected void describe(ConsumerLag lag, Health.Builder builder) {
		if (lag.max() > this.threshold) {
			builder.down();
		}
		List<Map<String, Object>> worstPartitions = lag.worst(this.worst).stream().map(this::describe).toList();
		builder.withDetail("threshold", this.threshold)
			.withDetail("totalLag", lag.total())
			.withDetail("maxLag", lag.max())
			.withDetail("groups", lag.partitions().stream().map(PartitionLag::group).distinct().toList())
			.withDetail("worstPartitions", worstPartitions);
	}

	private Map<String, Object> describe(PartitionLag partition) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("group", partition.group());
		details.put("topic", partition.topic());
		details.put("partition", partition.partition());
		details.put("lag", partition.lag());
		details.put("endOffset", partition.endOffset());
		if (partition.committedOffset() != null) {
			details.put("committedOffset", partition.committedOffset());
		}
		return details;
	}

}
