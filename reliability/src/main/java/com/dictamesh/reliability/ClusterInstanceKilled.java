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
package com.dictamesh.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.dictamesh.demo.KafkaCluster;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Two instances of the service, one consumer group and one outbox database, relay and
 * consume against a 3-broker cluster; the relay's bucket leases and the topic's
 * partitions are split between them. When 40% of the events are published, one instance
 * is killed with SIGKILL: the survivor writes on, takes the killed one's buckets over
 * once their leases expire ({@code lease-duration}, 10 s here) and its partitions once
 * the group drops it ({@code session.timeout.ms}, 10 s here). Nothing may be lost, no
 * effect applied twice, and each key's events must stay in order.
 */
class ClusterInstanceKilled extends ClusterScenario {

	/**
	 * How long the group waits for a member that stopped heartbeating: 10 s, as the
	 * relay's leases, instead of the consumer's 45 s, to keep the scenario short.
	 */
	static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

	private static final String KILLED = Testbed.GROUP + "-" + Testbed.instanceName(0);

	private static final String SURVIVOR = Testbed.GROUP + "-" + Testbed.instanceName(1);

	@Override
	public String name() {
		return "One of two instances SIGKILL, 3-broker cluster";
	}

	@Override
	Failover observe(Scale scale, Path directory) throws Exception {
		try (Testbed testbed = Testbed.start(directory, setup(scale, 2,
				List.of("--spring.kafka.consumer.properties.session.timeout.ms=" + SESSION_TIMEOUT.toMillis())))) {
			KafkaCluster cluster = testbed.cluster();
			// Each instance owns buckets and partitions before the first order, so that
			// the kill leaves work the survivor must take over.
			awaitGroup(cluster,
					(group) -> !partitionsOf(group, KILLED).isEmpty() && !partitionsOf(group, SURVIVOR).isEmpty());
			if (!Waiting.until(Duration.ofMinutes(2), () -> leaseOwners(testbed) == 2)) {
				throw new IllegalStateException(
						"The two instances did not share the buckets within 2 minutes, see " + testbed.service().log());
			}
			Set<Integer> partitions = partitionsOf(group(cluster), KILLED);
			testbed.startWriting();
			Testbed.Progress killed = ProcessFaultScenario.awaitFaultPoint(testbed, scale);
			testbed.service().kill();
			// After the process ended: nothing it sent can be marked later.
			Instant killedAt = Instant.now();
			List<Integer> buckets = bucketsOf(testbed, KILLED);
			Instant[] leasesTaken = { null };
			ClusterScenario.Settling settling = awaitSettled(testbed, scale, (progress) -> {
				if (leasesTaken[0] == null && bucketsOf(testbed, KILLED).isEmpty()) {
					leasesTaken[0] = Instant.now();
				}
			});
			TopicHistory topic = new TopicHistory(killedAt);
			Testbed.Counts counts = testbed.count(topic);
			ServiceHistory history = ServiceHistory.read(testbed.postgres());
			Duration relayTookOver = firstAfter(killedAt,
					history.outbox()
						.stream()
						.filter((row) -> buckets.contains(row.bucket()))
						.map(ServiceHistory.OutboxEntry::publishedAt));
			Duration handlerTookOver = firstAfter(killedAt, history.effects()
				.stream()
				.filter((effect) -> effect.instance().equals(SURVIVOR) && partitions.contains(effect.partition()))
				.map(ServiceHistory.Effect::appliedAt));
			String fault = String.format(
					"SIGKILL of instance a (%d of %d buckets, partition(s) %s) at %d of %d published (%d pending)",
					buckets.size(), bucketCount(testbed), partitions, killed.published(), scale.events(),
					killed.pending());
			String leases = (leasesTaken[0] != null)
					? ProcessFaultScenario.seconds(Duration.between(killedAt, leasesTaken[0])) : "never";
			String recovery = String.format(
					"The survivor held the killed instance's buckets %s after the kill and published their rows "
							+ "%s after it; it applied events of the killed instance's partitions %s after it",
					leases, ProcessFaultScenario.seconds(relayTookOver), ProcessFaultScenario.seconds(handlerTookOver));
			return conclude(scale, counts, fault, recovery, settling, topic.order(), history.effectOrder(),
					relayTookOver, handlerTookOver);
		}
	}

	private static Set<Integer> partitionsOf(ConsumerGroupDescription group, String instance) {
		Set<Integer> partitions = new TreeSet<>();
		for (MemberDescription member : group.members()) {
			if (member.clientId().startsWith(instance)) {
				for (TopicPartition partition : member.assignment().topicPartitions()) {
					if (partition.topic().equals(Testbed.TOPIC)) {
						partitions.add(partition.partition());
					}
				}
			}
		}
		return partitions;
	}

	private static int leaseOwners(Testbed testbed) {
		return queryInt(testbed,
				"SELECT COUNT(DISTINCT owner) FROM dictamesh_outbox_lease WHERE owner IS NOT NULL AND expires_at > now()");
	}

	private static int bucketCount(Testbed testbed) {
		return queryInt(testbed, "SELECT COUNT(*) FROM dictamesh_outbox_lease");
	}

	/**
	 * Return the buckets an instance holds a lease on, expired or not.
	 */
	private static List<Integer> bucketsOf(Testbed testbed, String instance) {
		try (Connection connection = testbed.postgres().connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT bucket FROM dictamesh_outbox_lease WHERE owner LIKE ? ORDER BY bucket")) {
			// The relay's instance id is the application name, a dash and a UUID.
			statement.setString(1, instance + "-%");
			List<Integer> buckets = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					buckets.add(result.getInt(1));
				}
			}
			return buckets;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Reading the leases failed", ex);
		}
	}

	private static int queryInt(Testbed testbed, String sql) {
		try (Connection connection = testbed.postgres().connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getInt(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Reading the leases failed", ex);
		}
	}

}
