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
			awaitGroup(cluster, (group) -> !group.members().isEmpty());
			String roles = roles(cluster, victim);
			testbed.startWriting();
			Testbed.Progress killed = ProcessFaultScenario.awaitFaultPoint(testbed, scale);
			cluster.node(victim).kill();
			// Once the process has ended: a record it appended and replicated in its
			// last milliseconds would count as published after the kill.
			Instant killedAt = Instant.now();
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
			Pause pause = longestPause(killedAt, history);
			Duration handlerResumed = (pause != null) ? pause.endedAfterKill() : null;
			String rejoined = restart(cluster, victim);
			String fault = String.format("SIGKILL of broker %d (leader of partition(s) %s%s) at %d of %d published",
					victim, led, roles, killed.published(), scale.events());
			String recovery = String.format(
					"The relay published again %s after the kill on the partition(s) the killed broker led (%s on the "
							+ "others); the handler applied nothing for %s, until %s after the kill; leaders afterwards "
							+ "(partition=broker) %s; the killed broker %s",
					ProcessFaultScenario.seconds(relayLed), ProcessFaultScenario.seconds(relayOthers),
					ProcessFaultScenario.seconds((pause != null) ? pause.length() : null),
					ProcessFaultScenario.seconds(handlerResumed), leadersAfter, rejoined);
			return conclude(scale, counts, fault, recovery, settling, topic.order(), history.effectOrder(), relayLed,
					handlerResumed);
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
	 * Return the handler's longest pause after the kill: the longest time it applied no
	 * event, from the kill or an effect to the next effect. The one consumer of the
	 * service reads every partition, so its pause is the handler's; per partition, a
	 * consumer that lags behind reads one partition for seconds and then another, so the
	 * gaps of one partition say nothing. Neither does the first effect after the kill
	 * (records fetched before it are applied after it) nor the first of a record written
	 * after it (a lagging consumer applies older records first).
	 * @return the pause, {@code null} if the handler applied nothing after the kill
	 */
	private static @Nullable Pause longestPause(Instant killedAt, ServiceHistory history) {
		List<Instant> applied = history.effects()
			.stream()
			.map(ServiceHistory.Effect::appliedAt)
			.filter(killedAt::isBefore)
			.sorted()
			.toList();
		Pause longest = null;
		Instant previous = killedAt;
		for (Instant time : applied) {
			Duration pause = Duration.between(previous, time);
			if (longest == null || pause.compareTo(longest.length()) > 0) {
				longest = new Pause(pause, Duration.between(killedAt, time));
			}
			previous = time;
		}
		return longest;
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

	/**
	 * A pause of the handler.
	 *
	 * @param length how long it applied nothing
	 * @param endedAfterKill when it applied an event again, from the kill
	 */
	private record Pause(Duration length, Duration endedAfterKill) {

	}

}
