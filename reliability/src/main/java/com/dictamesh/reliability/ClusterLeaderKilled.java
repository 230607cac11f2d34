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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import com.dictamesh.demo.KafkaCluster;
import org.jspecify.annotations.Nullable;

/**
 * The broker leading the most partitions of the topic (partition 0's leader on a tie) is
 * killed with SIGKILL in a 3-broker cluster while the service writes orders at a steady
 * rate, relays them through the outbox and consumes them with the idempotent handler. The
 * cluster goes on with two brokers, which {@code min.insync.replicas} 2 allows: the
 * controllers fence the dead broker, its partitions get new leaders from their in-sync
 * replicas, and the relay and the handler carry on by themselves. Nothing may be lost, no
 * effect applied twice, and each key's events must stay in order. After the count the
 * killed broker is started again on its port and data, and rejoins the in-sync replicas.
 */
class ClusterLeaderKilled extends ClusterScenario {

	@Override
	public String name() {
		return "Partition leader SIGKILL, 3-broker cluster";
	}

	@Override
	Failover observe(Scale scale, Path directory) throws Exception {
		try (Testbed testbed = Testbed.start(directory, setup(scale, 1, List.of()))) {
			KafkaCluster cluster = testbed.cluster();
			// Chosen before the load, so that nothing stands between the fault point and
			// the kill: leaders move only when a broker goes.
			Map<Integer, Integer> leaders = cluster.leaders(Testbed.TOPIC);
			int victim = mostLeading(leaders);
			List<Integer> led = leaders.entrySet()
				.stream()
				.filter((leader) -> leader.getValue() == victim)
				.map(Map.Entry::getKey)
				.toList();
			String roles = roles(cluster, victim);
			testbed.startWriting();
			Testbed.Progress killed = ProcessFaultScenario.awaitFaultPoint(testbed, scale);
			Instant killedAt = Instant.now();
			cluster.node(victim).kill();
			ClusterScenario.Settling settling = awaitSettled(testbed, scale, (progress) -> {
			});
			Map<Integer, Integer> leadersAfter = cluster.leaders(Testbed.TOPIC);
			TopicHistory topic = new TopicHistory(killedAt);
			Testbed.Counts counts = testbed.count(topic);
			if (topic.appendTimes() == 0) {
				throw new IllegalStateException("The brokers did not stamp the records with their append time");
			}
			ServiceHistory history = ServiceHistory.read(testbed.postgres());
			Duration relayLed = relayResumed(killedAt, topic, history, led::contains);
			Duration relayOthers = relayResumed(killedAt, topic, history, (partition) -> !led.contains(partition));
			Duration handlerLed = handlerResumed(killedAt, history, led::contains);
			Duration handlerOthers = handlerResumed(killedAt, history, (partition) -> !led.contains(partition));
			String rejoined = restart(cluster, victim);
			String fault = String.format("SIGKILL of broker %d (leader of partition(s) %s%s) at %d of %d published",
					victim, led, roles, killed.published(), scale.events());
			String recovery = String.format(
					"On the partition(s) the killed broker led, the relay published again %s after the kill and the "
							+ "handler applied again %s after it (on the other partitions %s and %s); leaders "
							+ "afterwards (partition=broker) %s; the killed broker %s",
					ProcessFaultScenario.seconds(relayLed), ProcessFaultScenario.seconds(handlerLed),
					ProcessFaultScenario.seconds(relayOthers), ProcessFaultScenario.seconds(handlerOthers),
					leadersAfter, rejoined);
			return conclude(scale, counts, fault, recovery, settling, topic.order(), history.effectOrder(), relayLed,
					handlerLed);
		}
	}

	/**
	 * Return how long after the kill the relay published again to some partitions: until
	 * the first mark of a record the leaders appended after the kill. The marks of
	 * records acknowledged before the kill may come later, as the relay marks a batch
	 * once all of its sends are done.
	 */
	private static @Nullable Duration relayResumed(Instant killedAt, TopicHistory topic, ServiceHistory history,
			IntPredicate partitions) {
		Map<String, @Nullable Instant> published = new HashMap<>();
		history.outbox().forEach((row) -> published.put(row.eventId(), row.publishedAt()));
		return firstAfter(killedAt,
				topic.eventsAppendedSince()
					.entrySet()
					.stream()
					.filter((appended) -> partitions.test(appended.getValue()))
					.map((appended) -> published.get(appended.getKey())));
	}

	/**
	 * Return how long after the kill the handler applied again records of some
	 * partitions, the last of them to resume: until the end of the longest pause in
	 * applying each partition's records after the kill. Neither the records fetched
	 * before the kill, applied right after it, nor a lagging consumer, applying records
	 * written long before, make it look sooner or later.
	 */
	private static @Nullable Duration handlerResumed(Instant killedAt, ServiceHistory history,
			IntPredicate partitions) {
		Map<Integer, List<Instant>> applied = history.effects()
			.stream()
			.filter((effect) -> partitions.test(effect.partition()) && effect.appliedAt().isAfter(killedAt))
			.collect(Collectors.groupingBy(ServiceHistory.Effect::partition,
					Collectors.mapping(ServiceHistory.Effect::appliedAt, Collectors.toList())));
		Instant resumed = null;
		for (List<Instant> times : applied.values()) {
			Instant previous = killedAt;
			Duration longest = Duration.ZERO;
			Instant end = null;
			for (Instant time : times.stream().sorted().toList()) {
				if (Duration.between(previous, time).compareTo(longest) > 0) {
					longest = Duration.between(previous, time);
					end = time;
				}
				previous = time;
			}
			if (end != null && (resumed == null || end.isAfter(resumed))) {
				resumed = end;
			}
		}
		return (resumed != null) ? Duration.between(killedAt, resumed) : null;
	}

	/**
	 * Return the node leading the most partitions, partition 0's leader among those that
	 * lead as many.
	 * @param leaders the leader of each partition
	 * @return the node id
	 */
	static int mostLeading(Map<Integer, Integer> leaders) {
		Map<Integer, Long> partitionsLed = leaders.values()
			.stream()
			.filter((leader) -> leader >= 0)
			.collect(Collectors.groupingBy((leader) -> leader, Collectors.counting()));
		long most = partitionsLed.values().stream().mapToLong(Long::longValue).max().orElse(0);
		Integer first = leaders.get(0);
		if (first != null && first >= 0 && partitionsLed.get(first) == most) {
			return first;
		}
		return partitionsLed.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == most)
			.map(Map.Entry::getKey)
			.min(Integer::compareTo)
			.orElseThrow(() -> new IllegalStateException("No partition of " + Testbed.TOPIC + " has a leader"));
	}

	private static String roles(KafkaCluster cluster, int node) {
		String roles = "";
		if (activeController(cluster) == node) {
			roles += ", the active controller";
		}
		if (group(cluster).coordinator().id() == node) {
			roles += ", the group's coordinator";
		}
		return roles;
	}

	/**
	 * Start the killed broker again on its port and data and wait until it is an in-sync
	 * replica of every partition again.
	 * @return what happened, for the note
	 */
	private static String restart(KafkaCluster cluster, int node) throws Exception {
		Instant restarting = Instant.now();
		cluster.node(node).start(Testbed.startTimeout());
		boolean inSync = Waiting.until(Duration.ofMinutes(2),
				() -> cluster.inSyncReplicas(Testbed.TOPIC)
					.values()
					.stream()
					.allMatch((replicas) -> replicas.contains(node)));
		Duration rejoined = Duration.between(restarting, Instant.now());
		return inSync
				? "restarted after the count, it was in sync again " + ProcessFaultScenario.seconds(rejoined) + " later"
				: "restarted after the count, NOT in sync again within " + ProcessFaultScenario.seconds(rejoined);
	}

}
