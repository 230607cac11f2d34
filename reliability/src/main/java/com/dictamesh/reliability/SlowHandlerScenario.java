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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.dictamesh.demo.KafkaBroker;
import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import com.dictamesh.events.idempotency.IdempotentHandlerExecution;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventHandlingListener;
import com.dictamesh.events.kafka.TopicResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A handler slower than {@code max.poll.interval.ms}: the first delivery of a few chosen
 * events takes twice the interval, so that the group takes the partition from its
 * consumer and gives it to the other instance, which gets the event again while the first
 * delivery is still running. The handler's effect is a row in PostgreSQL, written in the
 * transaction of the starter's JDBC idempotency mark; however often an event is
 * delivered, it must have one effect.
 * <p>
 * The broker runs in a JVM of its own; the two service instances are Spring Boot
 * applications in this JVM, in one consumer group; PostgreSQL is embedded.
 */
final class SlowHandlerScenario implements Scenario {

	static final String GROUP = "slow-handler";

	/**
	 * Short, so that a slow handler provokes a rebalance in seconds, and long enough for
	 * an ordinary poll of 50 events on a busy machine.
	 */
	static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(3);

	static final Duration SLOW_DELIVERY = MAX_POLL_INTERVAL.multipliedBy(2);

	@Override
	public String name() {
		return "handler slower than max.poll.interval.ms";
	}

	/**
	 * Return the events sent in a run.
	 * @param scale the scale
	 * @return the number of events
	 */
	static int events(Scale scale) {
		return scale.events();
	}

	/**
	 * Return the events whose first delivery is slow: each costs twice the poll interval
	 * and a rebalance or two.
	 * @param scale the scale
	 * @return the number of slow events
	 */
	static int slowEvents(Scale scale) {
		return (scale.events() > 10_000) ? 10 : 2;
	}

	@Override
	public Tally run(Scale scale, Path directory) throws Exception {
		int events = events(scale);
		int slow = slowEvents(scale);
		KafkaBroker broker = new KafkaBroker(directory.resolve("broker"), 0);
		EmbeddedPostgres postgres = null;
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		MarkWaits waits = null;
		try {
			broker.start(Duration.ofMinutes(2));
			postgres = EmbeddedPostgres.builder().start();
			DataSource dataSource = postgres.getPostgresDatabase();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			// No unique key: a second effect of an event must show, not be refused by the
			// table.
			jdbc.execute("CREATE TABLE order_effect (event_id VARCHAR(64) NOT NULL, instance VARCHAR(16) NOT NULL, "
					+ "written_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())");
			Probe probe = new Probe();
			String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
			instances.add(instance("a", broker.bootstrapServers(), jdbcUrl, probe, directory));
			instances.add(instance("b", broker.bootstrapServers(), jdbcUrl, probe, directory));
			for (ConfigurableApplicationContext instance : instances) {
				if (!instance.getBean(IdempotentHandlerExecution.class).isTransactional()) {
					throw new IllegalStateException("The idempotency mark does not share the handler's transaction");
				}
			}
			// Both instances own partitions before the first event, so that a slow event
			// has somewhere to go.
			boolean assigned = Waiting.until(Duration.ofMinutes(1),
					() -> instances.stream()
						.allMatch((instance) -> !instance.getBean(EventHandlerContainers.class)
							.getContainers()
							.get(GROUP)
							.getAssignedPartitions()
							.isEmpty()));
			if (!assigned) {
				throw new IllegalStateException("The two instances did not share the partitions within a minute");
			}

			List<String> ids = new ArrayList<>(events);
			for (int i = 0; i < events; i++) {
				ids.add(UUID.randomUUID().toString());
			}
			for (int i = 1; i <= slow; i++) {
				probe.slow.add(ids.get(i * events / (slow + 1)));
			}
			long started = System.nanoTime();
			waits = new MarkWaits(jdbc);
			waits.start();
			EventPublisher publisher = instances.get(0).getBean(EventPublisher.class);
			List<CompletableFuture<PublishResult>> sends = new ArrayList<>(events);
			for (int i = 0; i < events; i++) {
				sends.add(publisher
					.publish(Event.entityCreated("order", ids.get(i), Map.of("line", i)).eventId(ids.get(i)).build()));
			}
			for (CompletableFuture<PublishResult> send : sends) {
				send.get(2, TimeUnit.MINUTES);
			}
			String topic = instances.get(0).getBean(TopicResolver.class).topicFor("entity.created");
			long lag;
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
				// Slow deliveries hold the lag still for a while: allow a few of them.
				lag = Waiting.untilZero(Duration.ofMinutes(15), SLOW_DELIVERY.multipliedBy(6),
						() -> ConsumerGroupLag.of(admin, GROUP, topic));
			}
			Duration drained = Duration.ofNanos(System.nanoTime() - started);
			// A delivery taken from its consumer may still be finishing: let it, so
			// that a late second effect would be counted.
			Waiting.until(SLOW_DELIVERY.multipliedBy(2), () -> probe.running.get() == 0);

			waits.interrupt();
			waits.join(Duration.ofSeconds(10).toMillis());
			Set<String> sent = Set.copyOf(ids);
			List<String> effects = jdbc.queryForList("SELECT event_id FROM order_effect", String.class);
			long received = effects.stream().filter(sent::contains).distinct().count();
			long duplicated = effects.size() - effects.stream().distinct().count();
			long slowRedelivered = probe.slow.stream().filter((id) -> probe.deliveries(id) > 1).count();
			String note = String
				.format("max.poll.interval.ms %d, %d events slow (%d s) on their first delivery, %d of them delivered "
						+ "again after the rebalance; %d redeliveries in all, %d handler invocations beyond one "
						+ "per event, %d redeliveries skipped by the idempotency store, %d of them after waiting for the "
						+ "uncommitted mark of a delivery still running; lag at the end %d, after %.1f s",
						MAX_POLL_INTERVAL.toMillis(), slow, SLOW_DELIVERY.toSeconds(), slowRedelivered,
						probe.redeliveries(), probe.invocationsBeyondOnce(),
						probe.redeliveries() - probe.invocationsBeyondOnce(), waits.seen.size(), lag,
						drained.toMillis() / 1000.0);
			return new Tally(name(),
					slow + " deliveries of " + SLOW_DELIVERY.toSeconds() + " s, max.poll.interval.ms "
							+ MAX_POLL_INTERVAL.toMillis() + ", 2 instances",
					events, received, duplicated, events - received, note);
		}
		finally {
			if (waits != null) {
				waits.interrupt();
			}
			for (ConfigurableApplicationContext instance : instances) {
				instance.close();
			}
			if (postgres != null) {
				postgres.close();
			}
			broker.stop();
		}
	}

	private ConfigurableApplicationContext instance(String name, String bootstrapServers, String jdbcUrl, Probe probe,
			Path directory) {
		return new SpringApplicationBuilder(SlowHandlerService.class).web(WebApplicationType.NONE)
			.initializers((context) -> context.getBeanFactory().registerSingleton("probe", probe))
			.properties("spring.application.name=" + GROUP, "instance=" + name,
					"spring.kafka.bootstrap-servers=" + bootstrapServers, "spring.datasource.url=" + jdbcUrl,
					"dictamesh.events.idempotency.store=jdbc", "dictamesh.events.outbox.enabled=false",
					"dictamesh.events.topics.partitions=3",
					"spring.kafka.consumer.properties.max.poll.interval.ms=" + MAX_POLL_INTERVAL.toMillis(),
					"spring.kafka.consumer.max-poll-records=50", "spring.main.banner-mode=off",
					"logging.file.name=" + directory.resolve("service-" + name + ".log"),
					"logging.threshold.console=off")
			.run();
	}

	/**
	 * Watches PostgreSQL for inserts of an idempotency mark that wait for another
	 * transaction's lock on the same mark: a redelivery meeting the delivery still
	 * running, the case the mark's unique key must decide.
	 */
	private static final class MarkWaits extends Thread {

		final Set<String> seen = ConcurrentHashMap.newKeySet();

		private final JdbcTemplate jdbc;

		MarkWaits(JdbcTemplate jdbc) {
			super("mark-waits");
			this.jdbc = jdbc;
			setDaemon(true);
		}

		@Override
		public void run() {
			while (!isInterrupted()) {
				this.seen.addAll(this.jdbc.queryForList("SELECT pid || '@' || query_start FROM pg_stat_activity "
						+ "WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO dictamesh_processed_event%'",
						String.class));
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

	}

	/**
	 * What the two instances did, shared by them: the deliveries and invocations of each
	 * event, and which events are slow on their first invocation.
	 */
	static final class Probe implements EventHandlingListener {

		final Set<String> slow = ConcurrentHashMap.newKeySet();

		final AtomicInteger running = new AtomicInteger();

		private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

		@Override
		public void handledEvents(String group, String handlerId, List<Event> events, @Nullable Throwable failure) {
			events.forEach((event) -> count(this.deliveries, event.eventId()));
		}

		/**
		 * Count an invocation of the handler, inside the mark's transaction, and make the
		 * first one of a slow event last twice the poll interval.
		 */
		void invoked(String eventId) {
			if (count(this.invocations, eventId) == 1 && this.slow.contains(eventId)) {
				this.running.incrementAndGet();
				try {
					Thread.sleep(SLOW_DELIVERY.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					this.running.decrementAndGet();
				}
			}
		}

		int deliveries(String eventId) {
			AtomicInteger count = this.deliveries.get(eventId);
			return (count != null) ? count.get() : 0;
		}

		long redeliveries() {
			return this.deliveries.values().stream().mapToLong((count) -> count.get() - 1).sum();
		}

		long invocationsBeyondOnce() {
			return this.invocations.values().stream().mapToLong((count) -> count.get() - 1).sum();
		}

		private static int count(Map<String, AtomicInteger> counts, String eventId) {
			return counts.computeIfAbsent(eventId, (id) -> new AtomicInteger()).incrementAndGet();
		}

	}

	/**
	 * The handler: its effect is a row, written in the transaction the idempotency mark
	 * was written in.
	 */
	static final class OrderHandler {

		private final JdbcTemplate jdbc;

		private final Probe probe;

		private final String instance;

		OrderHandler(JdbcTemplate jdbc, Probe probe, String instance) {
			this.jdbc = jdbc;
			this.probe = probe;
			this.instance = instance;
		}

		@DictameshEventHandler(types = "entity.created", entityTypes = "order")
		void onOrder(Event event) {
			this.jdbc.update("INSERT INTO order_effect (event_id, instance) VALUES (?, ?)", event.eventId(),
					this.instance);
			// Slow after the effect is written: the redelivery meets an uncommitted
			// effect and mark.
			this.probe.invoked(event.eventId());
		}

	}

	/**
	 * One instance of the service: the starter, PostgreSQL and the handler.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SlowHandlerService {

		@Bean
		OrderHandler orderHandler(JdbcTemplate jdbc, Probe probe, @Value("${instance}") String instance) {
			return new OrderHandler(jdbc, probe, instance);
		}

	}

}
