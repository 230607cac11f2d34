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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.dictamesh.demo.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.jspecify.annotations.Nullable;

/**
 * A fault injected while the reliability service publishes through the outbox and
 * consumes its own events against a 3-broker KRaft cluster, with the starter's production
 * profile ({@code dictamesh.events.profile=production}): every partition replicated on
 * the three brokers, {@code min.insync.replicas} 2, and the producer's {@code acks=all}
 * and idempotence. The orders are spread over {@value #KEYS} entities, so that each key
 * has a sequence of events whose order is checked on the topic and in the effects.
 * Subclasses inject the fault; this class holds what they share.
 */
abstract class ClusterScenario implements Scenario {

	static final int BROKERS = 3;

	static final int KEYS = 100;

	private static final List<String> SERVICE_ARGUMENTS = List.of("--dictamesh.events.profile=production",
			"--reliability.keys=" + KEYS);

	// The leaders stamp each record with the time they appended it: which records were
	// written after the fault, and when, is read from the topic.
	private static final Map<String, String> BROKER_PROPERTIES = Map.of("log.message.timestamp.type", "LogAppendTime");

	@Override
	public final Tally run(Scale scale, Path directory) throws Exception {
		return observe(scale, directory).tally();
	}

	/**
	 * Inject the fault and count, keeping the figures the tally only names in its note.
	 * @param scale how many events and how fast
	 * @param directory the scenario's directory
	 * @return the outcome
	 * @throws Exception if the scenario could not be run
	 */
	abstract Failover observe(Scale scale, Path directory) throws Exception;

	/**
	 * Return what the scenario starts: the cluster, and service instances that write the
	 * scale's orders at its rate once {@link Testbed#startWriting()} says so.
	 * @param scale the scale
	 * @param services the instances
	 * @param serviceArguments arguments of the instances beyond those of every cluster
	 * scenario
	 * @return the set-up
	 */
	static Testbed.Setup setup(Scale scale, int services, List<String> serviceArguments) {
		List<String> arguments = new ArrayList<>(SERVICE_ARGUMENTS);
		arguments.addAll(serviceArguments);
		return new Testbed.Setup(BROKERS, services, scale.events(), scale.rate(), true, BROKER_PROPERTIES, arguments);
	}

	/**
	 * Wait until every event is published and applied, showing each progress read to an
	 * observer.
	 * @param testbed the testbed
	 * @param scale the scale
	 * @param observer what looks at the progress meanwhile
	 * @return the largest backlog of the outbox seen, and whether the events settled
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Settling awaitSettled(Testbed testbed, Scale scale, Consumer<Testbed.Progress> observer)
			throws InterruptedException {
		long[] peak = { 0 };
		Testbed.Progress settled = testbed.await(ProcessFaultScenario.settleTimeout(scale), (progress) -> {
			peak[0] = Math.max(peak[0], progress.pending());
			observer.accept(progress);
			return progress.settled(scale.events());
		});
		return new Settling(settled != null, peak[0]);
	}

	/**
	 * Return how long after a moment the first of some times came.
	 * @param since the moment
	 * @param times the times, {@code null} ones passed over
	 * @return the time from the moment to the first time after it, {@code null} if none
	 * came after it
	 */
	static @Nullable Duration firstAfter(Instant since, Stream<@Nullable Instant> times) {
		return times.filter(Objects::nonNull)
			.filter(since::isBefore)
			.min(Instant::compareTo)
			.map((first) -> Duration.between(since, first))
			.orElse(null);
	}

	/**
	 * Describe the service's consumer group.
	 * @param cluster the cluster
	 * @return the group's members, their assignments and its coordinator
	 */
	static ConsumerGroupDescription group(KafkaCluster cluster) {
		try (Admin admin = cluster.admin()) {
			return admin.describeConsumerGroups(List.of(Testbed.GROUP))
				.describedGroups()
				.get(Testbed.GROUP)
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing the group", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Describing the group " + Testbed.GROUP + " failed", ex);
		}
	}

	/**
	 * Wait until the service's consumer group satisfies a condition, such as its members
	 * owning partitions: a service is ready before its consumer has joined the group, and
	 * a group nobody joined yet cannot be described.
	 * @param cluster the cluster
	 * @param condition the condition
	 * @throws InterruptedException if interrupted while waiting
	 */
	static void awaitGroup(KafkaCluster cluster, Predicate<ConsumerGroupDescription> condition)
			throws InterruptedException {
		boolean met = Waiting.until(Duration.ofMinutes(2), () -> {
			try {
				return condition.test(group(cluster));
			}
			catch (IllegalStateException ex) {
				return false;
			}
		});
		if (!met) {
			throw new IllegalStateException("The consumer group " + Testbed.GROUP
					+ " did not have its members and partitions within 2 minutes");
		}
	}

	/**
	 * Return the node leading the controller quorum.
	 * @param cluster the cluster
	 * @return the active controller's node id
	 */
	static int activeController(KafkaCluster cluster) {
		try (Admin admin = cluster.admin()) {
			return admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing the quorum", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Describing the controller quorum failed", ex);
		}
	}

	/**
	 * Return what the scenario saw, its tally's note saying how the relay and the handler
	 * recovered, whether the events settled, and how each key's order came out on the
	 * topic and in the effects.
	 * @param scale the scale
	 * @param counts the counts
	 * @param fault the fault, in a few words
	 * @param recovery how the relay and the handler recovered
	 * @param settling how the events settled
	 * @param topicOrder the order on the topic
	 * @param effectOrder the order of the effects
	 * @param relayResumed the time from the fault until the relay published again what it
	 * stopped
	 * @param handlerResumed the time from the fault until the handler applied again what
	 * it stopped
	 * @return the outcome
	 */
	Failover conclude(Scale scale, Testbed.Counts counts, String fault, String recovery, Settling settling,
			KeyOrder topicOrder, KeyOrder effectOrder, @Nullable Duration relayResumed,
			@Nullable Duration handlerResumed) {
		String note = recovery + "; the outbox backlog peaked at " + settling.peakBacklog() + " rows"
				+ (settling.settled() ? ""
						: "; NOT settled within "
								+ ProcessFaultScenario.seconds(ProcessFaultScenario.settleTimeout(scale)))
				+ ". Per key, on the topic: " + topicOrder.summary() + "; in the effects: " + effectOrder.summary();
		return new Failover(new ProcessFaultScenario.Outcome(counts.tally(name(), fault, note), counts, relayResumed,
				handlerResumed, settling.settled()), topicOrder, effectOrder);
	}

	/**
	 * How the events settled after the fault.
	 *
	 * @param settled whether every event was published and applied before the time-out
	 * @param peakBacklog the most outbox rows pending at once
	 */
	record Settling(boolean settled, long peakBacklog) {

	}

	/**
	 * What a cluster scenario saw.
	 *
	 * @param outcome what a process fault scenario sees: the counts, the times until the
	 * relay and the handler did again what the fault stopped (the relay published, the
	 * handler applied), and whether every event settled
	 * @param topicOrder the order of each key's events on the topic
	 * @param effectOrder the order of each key's effects
	 */
	record Failover(ProcessFaultScenario.Outcome outcome, KeyOrder topicOrder, KeyOrder effectOrder) {

		Tally tally() {
			return this.outcome.tally();
		}

	}

}
