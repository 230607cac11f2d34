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
package com.dictamesh.reliability.secure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventHeaders;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import com.dictamesh.reliability.secure.SecureApplication.SecureHandlers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Measures which ACLs a service on the starter needs, and what it does without each:
 * against the secure broker, a service starts with all of {@link StarterAcl}, then
 * without each in turn, with WRITE denied on one topic, with a wrong password, and as a
 * publisher only. Each run has a user, a group and a topic prefix of its own; it prints
 * what worked, the health and endpoint answers, whether the handler containers still run,
 * the WARN and ERROR lines logged with their counts, the loggers that flooded the log at
 * INFO, and, where an ACL was missing, whether the service recovered once it was granted.
 * Figures, not checks: run it on demand with
 * {@code ./mvnw -B -pl reliability -am verify -Dtest=SecureAclMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dmeasurements.excluded=none}.
 */
@Tag("measurement")
@ExtendWith(SecureBrokerExtension.class)
class SecureAclMeasurement {

	private static final Duration WAIT = Duration.ofSeconds(15);

	// Timestamps, offsets, ids and client numbers differ from line to line of the same
	// message.
	private static final Pattern VARYING = Pattern.compile("^\\S+ |\\b[0-9a-f]{8}-[0-9a-f-]{27}\\b|\\d+");

	private static final Set<StarterAcl> ALL = EnumSet.allOf(StarterAcl.class);

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void measureWhatEachAclIsNeededFor(SecureKafkaBroker broker) throws Exception {
		List<String> reports = new ArrayList<>();
		try (OutputRecorder output = OutputRecorder.start()) {
			measure(broker, output, reports);
		}
		System.out.println("\n===== ACL measurement =====");
		reports.forEach(System.out::println);
	}

	private void measure(SecureKafkaBroker broker, OutputRecorder output, List<String> reports) throws Exception {
		reports.add(observe(broker, output, new Run("all of StarterAcl", ALL)));
		for (StarterAcl acl : StarterAcl.values()) {
			reports.add(observe(broker, output, new Run("without " + acl, EnumSet.complementOf(EnumSet.of(acl)))
				.fixedBy((user) -> List.of(acl.binding(user.principal(), user.prefix(), user.name())))));
		}
		reports.add(observe(broker, output, new Run("WRITE denied on the events topic only", ALL)
			.denying((user) -> List.of(deny(user, "domain.events", AclOperation.WRITE)))));
		reports.add(observe(broker, output, new Run("WRITE denied on the dead-letter topic only", ALL)
			.denying((user) -> List.of(deny(user, "dead-letter", AclOperation.WRITE)))));
		reports.add(observe(broker, output, new Run("wrong password, all of StarterAcl", ALL).withWrongPassword()));
		reports.add(observe(broker, output, new Run(
				"publisher only (no handlers), WRITE_TOPICS and CREATE_TOPICS, a dead letter of another service",
				EnumSet.of(StarterAcl.WRITE_TOPICS, StarterAcl.CREATE_TOPICS))
			.withoutHandlers()));
	}

	private static AclBinding deny(User user, String topic, AclOperation operation) {
		return new AclBinding(new ResourcePattern(ResourceType.TOPIC, user.prefix() + topic, PatternType.LITERAL),
				new AccessControlEntry(user.principal(), "*", operation, AclPermissionType.DENY));
	}

	private String observe(SecureKafkaBroker broker, OutputRecorder output, Run run) throws Exception {
		int number = this.runs.incrementAndGet();
		User user = new User("acl-run-" + number, "run" + number + ".",
				TestSecrets.password("acl-run-" + number + " SCRAM password"));
		broker.createUser(user.name(), user.password());
		broker.grant(StarterAcl.bindings(run.acls(), user.principal(), user.prefix(), user.name()));
		List<AclBinding> denials = run.denials().apply(user);
		broker.grant(denials);
		Map<String, String> results = new LinkedHashMap<>();
		int logStart = output.size();
		Instant start = Instant.now();
		SecureApplication.Running service;
		try {
			service = SecureApplication.start(broker, user.name(), user.name(),
					run.wrongPassword() ? TestSecrets.password(user.name() + " wrong password") : user.password(),
					Map.of("dictamesh.events.topics.prefix", user.prefix(), "secure.handlers.enabled", run.handlers()));
		}
		catch (RuntimeException ex) {
			results.put("start-up", "FAILED: " + stackTrace(ex));
			return report(number, run.name(), results, output.since(logStart), start);
		}
		try {
			results.put("start-up", "ok");
			observeService(broker, service, user, run.handlers(), results, "");
			if (!run.handlers()) {
				// Another service's dead letter on the shared topic.
				send(broker, user.prefix() + "dead-letter");
				results.put("health dictameshDeadLetters after another service's dead letter",
						refreshedHealth(service, Instant.now()).path("dictameshDeadLetters").toString());
			}
			List<AclBinding> fix = run.fix().apply(user);
			if (!fix.isEmpty() || !denials.isEmpty()) {
				broker.grant(fix);
				broker.revoke(denials);
				results.put("--- once granted", "");
				observeService(broker, service, user, run.handlers(), results, " (granted)");
			}
		}
		finally {
			service.close();
		}
		return report(number, run.name(), results, output.since(logStart), start);
	}

	private void observeService(SecureKafkaBroker broker, SecureApplication.Running service, User user,
			boolean handlers, Map<String, String> results, String suffix) throws Exception {
		Instant start = Instant.now();
		long topics = broker.admin()
			.listTopics()
			.names()
			.get(30, TimeUnit.SECONDS)
			.stream()
			.filter((topic) -> topic.startsWith(user.prefix()))
			.count();
		results.put("topics declared" + suffix, topics + " of 8");
		EventPublisher publisher = service.bean(EventPublisher.class);
		String published = publish(publisher, SecureApplication.RECEIVED, results, "publish" + suffix);
		Event outboxed = service.bean(OutboxEventPublisher.class)
			.publish(Event.builder(SecureApplication.RECEIVED).entity("order", "outboxed").build());
		JdbcTemplate jdbc = new JdbcTemplate(service.bean(javax.sql.DataSource.class));
		String outboxQuery = "SELECT status, attempts, last_error FROM dictamesh_outbox WHERE event_id = ?";
		boolean relayed = waitFor(() -> jdbc.queryForList(outboxQuery, outboxed.eventId())
			.stream()
			.allMatch((row) -> ((Number) row.get("status")).intValue() != 0));
		results.put("outbox relay" + suffix, relayed ? "published (row gone or marked)"
				: "still pending after " + WAIT + ": " + jdbc.queryForList(outboxQuery, outboxed.eventId()));
		if (handlers) {
			SecureHandlers received = service.bean(SecureHandlers.class);
			results.put("handler received the published event" + suffix, (published != null)
					? String.valueOf(waitFor(() -> received.received.containsKey(published))) : "nothing published");
			results.put("handler received the outboxed event" + suffix,
					String.valueOf(waitFor(() -> received.received.containsKey(outboxed.eventId()))));
			String poison = publish(publisher, SecureApplication.POISON, results,
					"publish of the poison event" + suffix);
			results.put("dead letter on " + user.prefix() + "dead-letter" + suffix, (poison != null)
					? String.valueOf(waitFor(() -> deadLettered(broker, user.prefix(), poison))) : "nothing published");
		}
		JsonNode health = refreshedHealth(service, start);
		for (String indicator : List.of("kafka", "dictameshConsumerLag", "dictameshDeadLetters", "dictameshOutbox")) {
			results.put("health " + indicator + suffix, health.path(indicator).toString());
		}
		ActuatorHttp http = service.http();
		ActuatorHttp.Answer summary = http.get("/actuator/dictamesh");
		results.put("/actuator/dictamesh" + suffix, summary.status() + ((summary.status() == 200)
				? " groups " + summary.json().path("groups") + " lag.note " + summary.json().path("lag").path("note")
				: " " + summary.text()));
		ActuatorHttp.Answer deadLetters = http.get("/actuator/dictamesh/dead-letters");
		results.put("/actuator/dictamesh/dead-letters" + suffix, deadLetters.status() + " "
				+ deadLetters.text().substring(0, Math.min(300, deadLetters.text().length())));
		Map<String, Boolean> running = new TreeMap<>();
		service.bean(EventHandlerContainers.class)
			.getContainers()
			.forEach((group, container) -> running.put(group, container.isRunning()));
		results.put("handler containers running" + suffix, running.toString());
	}

	/**
	 * Return the health components once each figure was measured after a point in time.
	 */
	private static JsonNode refreshedHealth(SecureApplication.Running service, Instant after) throws Exception {
		ActuatorHttp http = service.http();
		waitFor(() -> {
			JsonNode components = http.get("/actuator/health").json().path("components");
			return List.of("kafka", "dictameshConsumerLag", "dictameshDeadLetters")
				.stream()
				.map((name) -> components.path(name).path("details").path("measuredAt").asString())
				.allMatch((measuredAt) -> !measuredAt.isEmpty() && Instant.parse(measuredAt).isAfter(after));
		});
		return http.get("/actuator/health").json().path("components");
	}

	private static @Nullable String publish(EventPublisher publisher, String type, Map<String, String> results,
			String check) {
		Instant start = Instant.now();
		try {
			String id = publisher.publish(Event.builder(type).entity("order", type).build())
				.get(90, TimeUnit.SECONDS)
				.event()
				.eventId();
			results.put(check, "ok");
			return id;
		}
		catch (Exception ex) {
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
			results.put(check,
					"FAILED after " + Duration.between(start, Instant.now()).toMillis() + " ms: "
							+ ex.getClass().getName() + ": " + ex.getMessage() + "\n      cause "
							+ cause.getClass().getName() + ": " + cause.getMessage());
			return null;
		}
	}

	private static void send(SecureKafkaBroker broker, String topic) throws Exception {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.adminConfigs(),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, new byte[0])).get(30, TimeUnit.SECONDS);
		}
	}

	private static boolean deadLettered(SecureKafkaBroker broker, String prefix, String eventId) {
		String topic = prefix + "dead-letter";
		Map<String, Object> configs = broker.adminConfigs();
		configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "acl-measurement-dead-letters");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configs, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5))
				.stream()
				.map((partition) -> new TopicPartition(topic, partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
			consumer.endOffsets(partitions).forEach((partition, end) -> {
				while (consumer.position(partition) < end) {
					consumer.poll(Duration.ofMillis(200)).forEach(read::add);
				}
			});
			return read.stream().anyMatch((record) -> {
				Header id = record.headers().lastHeader(EventHeaders.CE_ID);
				return id != null && eventId.equals(new String(id.value(), StandardCharsets.UTF_8));
			});
		}
	}

	private static boolean waitFor(Callable<Boolean> condition) {
		try {
			await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(condition);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private static String report(int number, String name, Map<String, String> results, String log, Instant start) {
		StringBuilder report = new StringBuilder("\n--- run " + number + ": " + name + " ("
				+ Duration.between(start, Instant.now()).toSeconds() + " s)\n");
		results.forEach((check, result) -> report.append("  ").append(check).append(": ").append(result).append('\n'));
		Map<String, Integer> counts = new LinkedHashMap<>();
		Map<String, String> examples = new LinkedHashMap<>();
		Map<String, Integer> infoByLogger = new TreeMap<>();
		for (String line : log.split("\n")) {
			if (line.contains(" WARN ") || line.contains(" ERROR ")) {
				String shape = VARYING.matcher(line).replaceAll("#");
				counts.merge(shape, 1, Integer::sum);
				examples.putIfAbsent(shape, line);
			}
			else if (line.contains(" INFO ")) {
				String[] words = line.split(" +");
				String logger = (words.length > 1) ? line.replaceAll("^.*?\\] (\\S+) - .*$", "$1") : line;
				infoByLogger.merge(logger, 1, Integer::sum);
			}
		}
		report.append("  WARN/ERROR lines (count x first):\n");
		examples.forEach((shape, line) -> report.append("    ")
			.append(counts.get(shape))
			.append(" x ")
			.append(line, 0, Math.min(line.length(), 700))
			.append('\n'));
		report.append("  INFO lines over 500 by logger: ")
			.append(infoByLogger.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() > 500)
				.map((entry) -> entry.getKey() + "=" + entry.getValue())
				.collect(Collectors.joining(", ")))
			.append('\n');
		return report.toString();
	}

	private static String stackTrace(Throwable ex) {
		StringWriter writer = new StringWriter();
		ex.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

	/**
	 * A user of one run, with a topic prefix and a consumer group (its name) of its own.
	 */
	private record User(String name, String prefix, String password) {

		String principal() {
			return "User:" + this.name;
		}

		@Override
		public String toString() {
			return this.principal();
		}

	}

	/**
	 * What one run grants and denies.
	 */
	private record Run(String name, Set<StarterAcl> acls, Function<User, List<AclBinding>> denials,
			Function<User, List<AclBinding>> fix, boolean wrongPassword, boolean handlers) {

		Run(String name, Set<StarterAcl> acls) {
			this(name, acls, (user) -> List.of(), (user) -> List.of(), false, true);
		}

		Run denying(Function<User, List<AclBinding>> denied) {
			return new Run(this.name, this.acls, denied, this.fix, this.wrongPassword, this.handlers);
		}

		Run fixedBy(Function<User, List<AclBinding>> granted) {
			return new Run(this.name, this.acls, this.denials, granted, this.wrongPassword, this.handlers);
		}

		Run withWrongPassword() {
			return new Run(this.name, this.acls, this.denials, this.fix, true, this.handlers);
		}

		Run withoutHandlers() {
			return new Run(this.name, this.acls, this.denials, this.fix, this.wrongPassword, false);
		}

	}

}
