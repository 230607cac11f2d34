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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.dictamesh.demo.KafkaBroker;
import com.dictamesh.demo.KafkaCluster;
import com.dictamesh.reliability.service.ReliabilityService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * The processes of one scenario, each in a directory of the scenario's own: a standalone
 * KRaft broker (or a cluster of them), an embedded PostgreSQL and the reliability service
 * (or several instances of it) connected to both, with what the harness reads of them
 * (the database's tables, the topic).
 */
final class Testbed implements AutoCloseable {

	static final String TOPIC = "dictamesh.entity.changed";

	static final String DEAD_LETTER_TOPIC = "dictamesh.dead-letter";

	/**
	 * The consumer group of the service, whatever its instances are called.
	 */
	static final String GROUP = "reliability-service";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final KafkaCluster kafka;

	private final Postgres postgres;

	private final List<ServiceJvm> services;

	private final Path startFile;

	private final Thread killer;

	private Testbed(Path directory, Setup setup) {
		this.kafka = new KafkaCluster(directory.resolve("broker"), setup.brokers(), setup.brokerProperties());
		this.postgres = new Postgres(directory.resolve("postgres"));
		this.startFile = directory.resolve("start-writing");
		List<ServiceJvm> instances = new ArrayList<>();
		for (int i = 0; i < setup.services(); i++) {
			List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + this.postgres.jdbcUrl(),
					"--spring.kafka.bootstrap-servers=" + this.kafka.bootstrapServers(),
					"--reliability.orders=" + setup.orders(), "--reliability.rate=" + setup.rate()));
			if (setup.services() > 1) {
				// One group and one outbox, instances told apart in the lease table
				// (the relay's instance id starts with the application name), the group's
				// members (client id) and the effects.
				String name = GROUP + "-" + instanceName(i);
				arguments.addAll(List.of("--spring.application.name=" + name,
						"--dictamesh.events.consumer.group-id=" + GROUP, "--spring.kafka.consumer.client-id=" + name));
			}
			if (setup.awaitStart()) {
				arguments.add("--reliability.start-file=" + this.startFile);
			}
			arguments.addAll(setup.serviceArguments());
			instances.add(new ServiceJvm(ReliabilityService.class.getName(),
					directory.resolve((setup.services() == 1) ? "service" : "service-" + instanceName(i)), arguments));
		}
		this.services = List.copyOf(instances);
		// A harness killed between start and close leaves no broker behind (the service
		// has a hook of its own).
		this.killer = new Thread(() -> {
			try {
				this.kafka.kill();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		Runtime.getRuntime().addShutdownHook(this.killer);
	}

	/**
	 * Start a database, a broker and the service in an emptied directory.
	 * @param directory the scenario's directory
	 * @param orders the orders the service writes in total
	 * @param rate the orders it writes per second, 0 for as fast as it can
	 * @return the running testbed
	 * @throws Exception if a process cannot be started
	 */
	static Testbed start(Path directory, int orders, int rate) throws Exception {
		return start(directory, new Setup(1, 1, orders, rate, false, Map.of(), List.of()));
	}

	/**
	 * Start a database, the brokers and the service instances in an emptied directory.
	 * @param directory the scenario's directory
	 * @param setup what to start
	 * @return the running testbed
	 * @throws Exception if a process cannot be started
	 */
	static Testbed start(Path directory, Setup setup) throws Exception {
		FileSystemUtils.deleteRecursively(directory);
		Files.createDirectories(directory);
		Testbed testbed = new Testbed(directory, setup);
		try {
			testbed.postgres.start();
			testbed.kafka.start(START_TIMEOUT);
			// The first instance alone creates the tables and the topics (two creating
			// them at once can fail); the others then start together.
			testbed.service().start(START_TIMEOUT);
			List<ServiceJvm> others = testbed.services.subList(1, testbed.services.size());
			for (ServiceJvm service : others) {
				service.launch();
			}
			for (ServiceJvm service : others) {
				service.awaitReady(START_TIMEOUT);
			}
			return testbed;
		}
		catch (Exception ex) {
			testbed.close();
			throw ex;
		}
	}

	/**
	 * Return the broker of a single-broker testbed, node 1 of a cluster.
	 * @return the broker
	 */
	KafkaBroker broker() {
		return this.kafka.node(1);
	}

	KafkaCluster cluster() {
		return this.kafka;
	}

	Postgres postgres() {
		return this.postgres;
	}

	/**
	 * Return the service, the first instance when there are several.
	 * @return the service
	 */
	ServiceJvm service() {
		return this.services.get(0);
	}

	List<ServiceJvm> services() {
		return this.services;
	}

	/**
	 * Let the instances write, when they were set up to wait for it: so that the harness
	 * can look at the running system (which instance owns what, which broker leads)
	 * before the load and the fault.
	 * @throws IOException if the start file cannot be written
	 */
	void startWriting() throws IOException {
		Files.writeString(this.startFile, "go");
	}

	/**
	 * Return the name of an instance when there are several: {@code a}, {@code b}...
	 * @param index the instance's index
	 * @return its name, which its application name ends with
	 */
	static String instanceName(int index) {
		return String.valueOf((char) ('a' + index));
	}

	static Duration startTimeout() {
		return START_TIMEOUT;
	}

	/**
	 * Read the service's progress from the database.
	 * @return the progress, or {@code null} while the database cannot be reached
	 */
	@Nullable Progress progress() {
		try (Connection connection = this.postgres.connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT (SELECT COUNT(*) FROM reliability_order), "
						+ "(SELECT COUNT(*) FROM dictamesh_outbox), "
						+ "(SELECT COUNT(*) FROM dictamesh_outbox WHERE status = 1), "
						+ "(SELECT COUNT(*) FROM dictamesh_outbox WHERE status = 2), "
						+ "(SELECT COUNT(DISTINCT event_id) FROM reliability_effect)")) {
			result.next();
			return new Progress(result.getLong(1), result.getLong(2), result.getLong(3), result.getLong(4),
					result.getLong(5));
		}
		catch (SQLException ex) {
			return null;
		}
	}

	/**
	 * Read the service's progress from a database that is up.
	 * @return the progress
	 */
	Progress current() {
		Progress progress = progress();
		if (progress == null) {
			throw new IllegalStateException("The database at " + this.postgres.jdbcUrl() + " cannot be read");
		}
		return progress;
	}

	/**
	 * Poll the progress until it satisfies a condition or the timeout passes.
	 * @param timeout how long to wait
	 * @param condition the condition
	 * @return the progress that satisfied it, or {@code null} on time-out
	 * @throws InterruptedException if interrupted while waiting
	 */
	@Nullable Progress await(Duration timeout, Predicate<Progress> condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			Progress progress = progress();
			if (progress != null && condition.test(progress)) {
				return progress;
			}
			TimeUnit.MILLISECONDS.sleep(100);
		}
		return null;
	}

	/**
	 * Wait until every order is written, every outbox row published (or failed), and
	 * every event applied by the handler.
	 * @param orders the orders expected
	 * @param timeout how long to wait
	 * @return whether it settled within the timeout
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitSettled(long orders, Duration timeout) throws InterruptedException {
		return await(timeout, (progress) -> progress.settled(orders)) != null;
	}

	/**
	 * Count what happened to the events the outbox committed: on the topic and in the
	 * handler's effects.
	 * @return the counts
	 * @throws SQLException if the database cannot be read
	 */
	Counts count() throws SQLException {
		return count((record) -> {
		});
	}

	/**
	 * Count what happened to the events the outbox committed, showing each record of the
	 * topic to a visitor as the topic is read.
	 * @param topicRecords what else looks at each record of the topic, those of a
	 * partition in offset order
	 * @return the counts
	 * @throws SQLException if the database cannot be read
	 */
	Counts count(Consumer<ConsumerRecord<byte[], byte[]>> topicRecords) throws SQLException {
		List<String> sent = new ArrayList<>();
		Map<String, Integer> effects = new HashMap<>();
		long absorbed;
		try (Connection connection = this.postgres.connect(); Statement statement = connection.createStatement()) {
			try (ResultSet result = statement.executeQuery("SELECT event_id FROM dictamesh_outbox")) {
				while (result.next()) {
					sent.add(result.getString(1));
				}
			}
			try (ResultSet result = statement
				.executeQuery("SELECT event_id, COUNT(*) FROM reliability_effect GROUP BY event_id")) {
				while (result.next()) {
					effects.put(result.getString(1), result.getInt(2));
				}
			}
			try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM reliability_absorbed")) {
				result.next();
				absorbed = result.getLong(1);
			}
		}
		Duration timeout = Duration.ofMinutes(2);
		TopicCount topic = TopicCount.read(this.kafka.bootstrapServers(), TOPIC, timeout, topicRecords);
		TopicCount deadLetters = TopicCount.read(this.kafka.bootstrapServers(), DEAD_LETTER_TOPIC, timeout);
		long received = sent.stream().filter(topic.perEvent()::containsKey).count();
		long applied = sent.stream().filter(effects::containsKey).count();
		long effectRows = effects.values().stream().mapToLong(Integer::longValue).sum();
		return new Counts(sent.size(), received, topic.duplicates(), sent.size() - received, applied,
				effectRows - effects.size(), absorbed, sent.size() - applied, deadLetters.records());
	}

	@Override
	public void close() throws InterruptedException, IOException {
		try {
			for (ServiceJvm service : this.services) {
				service.stop();
			}
			this.kafka.stop();
		}
		finally {
			this.postgres.close();
			try {
				Runtime.getRuntime().removeShutdownHook(this.killer);
			}
			catch (IllegalStateException ex) {
				// shutting down already
			}
		}
	}

	/**
	 * What a testbed runs.
	 *
	 * @param brokers the nodes of the Kafka cluster, 1 for a single broker; with more,
	 * each partition has a replica on each node and {@code min.insync.replicas} 2
	 * @param services the instances of the service, each in a JVM of its own, all on the
	 * same database and brokers; several make one consumer group and share the outbox's
	 * buckets
	 * @param orders the orders the instances write in total
	 * @param rate the orders an instance writes per second, 0 for as fast as it can
	 * @param awaitStart whether the instances write only once {@link #startWriting()}
	 * says so, rather than once started
	 * @param brokerProperties broker settings added to each node's server.properties
	 * @param serviceArguments arguments added to each instance's command line
	 */
	record Setup(int brokers, int services, int orders, int rate, boolean awaitStart,
			Map<String, String> brokerProperties, List<String> serviceArguments) {

		Setup {
			brokerProperties = Map.copyOf(brokerProperties);
			serviceArguments = List.copyOf(serviceArguments);
		}

	}

	/**
	 * The service's progress, from its database.
	 *
	 * @param orders the orders written
	 * @param outboxRows the outbox rows committed
	 * @param published the rows the relay marked published
	 * @param failed the rows the relay gave up on
	 * @param effects the distinct events whose effect the handler recorded
	 */
	record Progress(long orders, long outboxRows, long published, long failed, long effects) {

		long pending() {
			return this.outboxRows - this.published - this.failed;
		}

		/**
		 * Return whether every order is written, every outbox row published (or failed),
		 * and every event applied by the handler.
		 * @param orders the orders expected
		 * @return whether the service is done
		 */
		boolean settled(long orders) {
			return this.orders >= orders && pending() == 0 && this.effects >= this.outboxRows;
		}

	}

	/**
	 * What happened to the events the outbox committed.
	 *
	 * @param sent the events committed to the outbox
	 * @param received the sent events found on the topic
	 * @param topicDuplicates the records on the topic beyond the first of their event
	 * @param lost the sent events not on the topic
	 * @param applied the sent events whose effect the handler recorded
	 * @param effectDuplicates the effects recorded beyond the first of their event
	 * @param absorbed the deliveries the idempotency store skipped, as the event had been
	 * processed before
	 * @param notApplied the sent events without an effect
	 * @param deadLettered the records on the dead-letter topic
	 */
	record Counts(long sent, long received, long topicDuplicates, long lost, long applied, long effectDuplicates,
			long absorbed, long notApplied, long deadLettered) {

		Tally tally(String scenario, String fault, String recovery) {
			String note = String.format("%s. Topic: %d duplicate record(s), which at-least-once publishing allows. "
					+ "Handler: %d of %d events applied, %d effect(s) duplicated, %d redelivery(ies) absorbed by the "
					+ "idempotency store, %d dead-lettered.", recovery, this.topicDuplicates, this.applied, this.sent,
					this.effectDuplicates, this.absorbed, this.deadLettered);
			return new Tally(scenario, fault, this.sent, this.received, this.topicDuplicates, this.lost, note);
		}

	}

}
