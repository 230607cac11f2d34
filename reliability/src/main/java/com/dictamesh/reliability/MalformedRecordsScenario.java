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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.dictamesh.demo.KafkaBroker;
import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventHeaders;
import com.dictamesh.events.kafka.JsonEventSerializer;
import com.dictamesh.events.kafka.TopicResolver;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Malformed records among valid events: random bytes, truncated envelopes, envelopes with
 * fields of the wrong type or missing, empty values, headers that lie about the value,
 * and values close to the broker's largest message. A raw producer writes them into the
 * topic of a service's {@code @DictameshEventHandler}; each must reach the dead-letter
 * topic once, no valid event may wait behind them, and the group's lag must come back to
 * zero.
 * <p>
 * The broker runs in a JVM of its own; the service is a Spring Boot application in this
 * JVM.
 */
final class MalformedRecordsScenario implements Scenario {

	static final String GROUP = "malformed-records";

	/**
	 * Slightly under the producer's and the broker's default largest record (1 MiB): the
	 * original fits, the dead letter of it with the exception headers does not.
	 */
	static final int HUGE_VALUE_BYTES = 1_047_000;

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private static final Duration STALL = Duration.ofSeconds(45);

	@Override
	public String name() {
		return "malformed records";
	}

	/**
	 * Return the malformed records of a run: 10,000 in the long run, 100 in the test
	 * suite. Each dead letter costs a publication awaited by the consumer, a seek and a
	 * new fetch (which, once the consumer's other partitions are idle, may wait
	 * {@code fetch.max.wait.ms}): 1,000 took from 47 s to three minutes on a busy
	 * two-core machine, 10,000 from three to six.
	 * @param scale the scale
	 * @return the number of malformed records
	 */
	static int malformed(Scale scale) {
		return (scale.events() >= 20_000) ? 10_000 : scale.events() / 20;
	}

	/**
	 * Return the valid events interleaved with the malformed records.
	 * @param scale the scale
	 * @return the number of valid events
	 */
	static int valid(Scale scale) {
		return scale.events() / 2;
	}

	@Override
	public Tally run(Scale scale, Path directory) throws Exception {
		int malformed = malformed(scale);
		int valid = valid(scale);
		KafkaBroker broker = new KafkaBroker(directory.resolve("broker"), 0);
		ConfigurableApplicationContext service = null;
		try {
			broker.start(Duration.ofMinutes(2));
			service = service(broker.bootstrapServers(), directory);
			EventHandlerContainers containers = service.getBean(EventHandlerContainers.class);
			if (!Waiting.until(Duration.ofMinutes(1),
					() -> !containers.getContainers().get(GROUP).getAssignedPartitions().isEmpty())) {
				throw new IllegalStateException("The service's consumer had no partition after a minute");
			}
			TopicResolver topics = service.getBean(TopicResolver.class);
			String topic = topics.topicFor("entity.created");
			String deadLetterTopic = topics.deadLetterTopicFor(topic);
			Handled handled = service.getBean(Handled.class);

			long started = System.nanoTime();
			Sent sent = send(broker.bootstrapServers(), topic, malformed, valid);
			long lag;
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
				lag = Waiting.untilZero(TIMEOUT, STALL, () -> ConsumerGroupLag.of(admin, GROUP, topic));
			}
			Duration drained = Duration.ofNanos(System.nanoTime() - started);
			Waiting.until(Duration.ofSeconds(30), () -> handled.distinct() == valid);
			DeadLetters dead = readDeadLetters(broker.bootstrapServers(), deadLetterTopic, topic, sent);

			long received = dead.matched.size();
			long duplicated = dead.records - dead.unknown - received;
			int validHandled = handled.distinct();
			long validTwice = handled.beyondOnce();
			Map<Kind, Integer> missing = new EnumMap<>(Kind.class);
			sent.malformed.forEach((position, kind) -> {
				if (!dead.matched.contains(position)) {
					missing.merge(kind, 1, Integer::sum);
				}
			});
			String note = String.format(
					"%d valid events interleaved, %d handled (%d more than once), the last %.1f s after it was sent; "
							+ "lag at the end %d, after %.1f s; %d dead letters without their value, too large "
							+ "(%d huge values sent); %d dead letters of other records%s",
					valid, validHandled, validTwice, handled.longestWait(sent.validSentAt) / 1000.0, lag,
					drained.toMillis() / 1000.0, dead.valueDropped, sent.huge(), dead.unknown,
					missing.isEmpty() ? "" : "; missing by kind " + missing);
			return new Tally(name(), malformed + " malformed records among " + valid + " valid events", malformed,
					received, duplicated, malformed - received, note);
		}
		finally {
			if (service != null) {
				service.close();
			}
			broker.stop();
		}
	}

	private ConfigurableApplicationContext service(String bootstrapServers, Path directory) {
		return new SpringApplicationBuilder(MalformedRecordsService.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=" + GROUP, "spring.kafka.bootstrap-servers=" + bootstrapServers,
					"dictamesh.events.topics.partitions=3", "dictamesh.events.outbox.enabled=false",
					"dictamesh.events.idempotency.store=none", "spring.main.banner-mode=off",
					"logging.file.name=" + directory.resolve("service.log"), "logging.threshold.console=off",
					// One warning per dead letter is the service's business; the scenario
					// counts them.
					"logging.level.com.dictamesh.events.kafka.EventHandlerContainers=error",
					"logging.level.org.springframework.kafka.listener=error",
					"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
			.run();
	}

	/**
	 * Write the records, the malformed ones interleaved with the valid ones, and return
	 * where each malformed one landed.
	 */
	private Sent send(String bootstrapServers, String topic, int malformed, int valid) throws Exception {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		Records records = new Records(new Random(9));
		Sent sent = new Sent();
		List<Future<RecordMetadata>> malformedSends = new ArrayList<>(malformed);
		List<Kind> malformedKinds = new ArrayList<>(malformed);
		List<Future<RecordMetadata>> validSends = new ArrayList<>(valid);
		int total = malformed + valid;
		int hugeEvery = Math.max(1, malformed / 4);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			int m = 0;
			int v = 0;
			for (int i = 0; i < total; i++) {
				// Spread the valid events evenly through the malformed ones.
				boolean sendValid = v < valid && (m >= malformed || (long) v * total <= (long) i * valid);
				if (sendValid) {
					ProducerRecord<byte[], byte[]> record = records.valid(topic, v++);
					sent.validSentAt.put(EventHeaders.lastValue(record.headers(), EventHeaders.CE_ID),
							System.nanoTime());
					validSends.add(producer.send(record));
				}
				else {
					Kind kind = (m % hugeEvery == hugeEvery / 2) ? Kind.HUGE_VALUE
							: Kind.ORDINARY[m % Kind.ORDINARY.length];
					malformedKinds.add(kind);
					malformedSends.add(producer.send(records.malformed(topic, m++, kind)));
				}
			}
			producer.flush();
		}
		for (int i = 0; i < malformedSends.size(); i++) {
			RecordMetadata metadata = malformedSends.get(i).get(1, TimeUnit.MINUTES);
			sent.malformed.put(new Position(metadata.partition(), metadata.offset()), malformedKinds.get(i));
		}
		for (Future<RecordMetadata> send : validSends) {
			send.get(1, TimeUnit.MINUTES);
		}
		return sent;
	}

	/**
	 * Read the dead-letter topic to its end and match its records to the malformed ones
	 * by the original topic, partition and offset that the dead-letter headers carry.
	 */
	private DeadLetters readDeadLetters(String bootstrapServers, String deadLetterTopic, String topic, Sent sent) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
		DeadLetters dead = new DeadLetters();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic)
				.stream()
				.map((info) -> new TopicPartition(deadLetterTopic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("Reading " + deadLetterTopic + " to its end took over 2 minutes");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
					dead.records++;
					Position original = originalPosition(record, topic);
					if (original == null || !sent.malformed.containsKey(original)) {
						dead.unknown++;
					}
					else {
						dead.matched.add(original);
					}
					if (record.headers().lastHeader(EventHeaders.DLT_VALUE_DROPPED) != null) {
						dead.valueDropped++;
					}
				}
			}
		}
		return dead;
	}

	private static Position originalPosition(ConsumerRecord<byte[], byte[]> record, String topic) {
		Header originalTopic = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
		Header partition = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
		Header offset = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
		if (originalTopic == null || partition == null || offset == null
				|| !topic.equals(new String(originalTopic.value(), StandardCharsets.UTF_8))) {
			return null;
		}
		return new Position(java.nio.ByteBuffer.wrap(partition.value()).getInt(),
				java.nio.ByteBuffer.wrap(offset.value()).getLong());
	}

	/**
	 * The kinds of malformed record.
	 */
	enum Kind {

		RANDOM_BYTES, TRUNCATED_ENVELOPE, TIMESTAMP_NOT_A_TIME, ID_NOT_A_STRING, DATA_OF_WRONG_TYPE, MISSING_EVENT_ID,
		MISSING_EVENT_TYPE, EMPTY_VALUE, LYING_HEADERS, HUGE_VALUE;

		static final Kind[] ORDINARY = { RANDOM_BYTES, TRUNCATED_ENVELOPE, TIMESTAMP_NOT_A_TIME, ID_NOT_A_STRING,
				DATA_OF_WRONG_TYPE, MISSING_EVENT_ID, MISSING_EVENT_TYPE, EMPTY_VALUE, LYING_HEADERS };

	}

	/**
	 * Makes the records: valid entity events and malformed values of each kind.
	 */
	private static final class Records {

		private final Random random;

		private final JsonMapper json = new JsonMapper();

		private final JsonEventSerializer serializer = new JsonEventSerializer(this.json);

		Records(Random random) {
			this.random = random;
		}

		ProducerRecord<byte[], byte[]> valid(String topic, int index) {
			Event event = Event.entityCreated("widget", UUID.randomUUID().toString(), new Widget("w" + index, index))
				.build();
			RecordHeaders headers = new RecordHeaders();
			headers.add(EventHeaders.EVENT_TYPE, bytes(event.eventType()));
			headers.add(EventHeaders.CE_ID, bytes(event.eventId()));
			return new ProducerRecord<>(topic, null, bytes(event.partitionKey()), this.serializer.serialize(event),
					headers);
		}

		ProducerRecord<byte[], byte[]> malformed(String topic, int index, Kind kind) {
			RecordHeaders headers = new RecordHeaders();
			byte[] value = switch (kind) {
				case RANDOM_BYTES -> randomBytes(1 + this.random.nextInt(512));
				case TRUNCATED_ENVELOPE -> truncated(envelope(index, Map.of()));
				case TIMESTAMP_NOT_A_TIME -> envelope(index, Map.of("timestamp", "yesterday at noon"));
				case ID_NOT_A_STRING -> envelope(index, Map.of("event_id", Map.of("not", "a string")));
				case DATA_OF_WRONG_TYPE -> envelope(index, Map.of("data", Map.of("name", "w", "size", "huge")));
				case MISSING_EVENT_ID -> envelope(index, Map.of("event_id", ""));
				case MISSING_EVENT_TYPE -> envelope(index, Map.of("event_type", ""));
				case EMPTY_VALUE -> new byte[0];
				case LYING_HEADERS -> lyingHeaders(headers, index);
				case HUGE_VALUE -> huge();
			};
			if (kind != Kind.LYING_HEADERS && this.random.nextBoolean()) {
				headers.add(EventHeaders.EVENT_TYPE, bytes("entity.created"));
			}
			return new ProducerRecord<>(topic, null, bytes("malformed:" + index), value, headers);
		}

		private byte[] truncated(byte[] envelope) {
			return Arrays.copyOf(envelope, 1 + this.random.nextInt(envelope.length - 2));
		}

		/**
		 * Add the headers of a valid event to bytes that are none.
		 */
		private byte[] lyingHeaders(RecordHeaders headers, int index) {
			headers.add(EventHeaders.EVENT_TYPE, bytes("entity.created"));
			headers.add(EventHeaders.CE_ID, bytes(UUID.randomUUID().toString()));
			headers.add(EventHeaders.CE_TYPE, bytes("entity.created"));
			headers.add(EventHeaders.CONTENT_TYPE, bytes("application/json"));
			return bytes("<widget id=\"" + index + "\"/>");
		}

		/**
		 * Return an envelope whose data never ends: a megabyte of JSON string.
		 */
		private byte[] huge() {
			StringBuilder text = new StringBuilder(HUGE_VALUE_BYTES);
			text.append("{\"event_id\":\"").append(UUID.randomUUID()).append("\",\"data\":\"");
			while (text.length() < HUGE_VALUE_BYTES) {
				text.append((char) ('a' + this.random.nextInt(26)));
			}
			return bytes(text.toString());
		}

		/**
		 * Return a valid widget envelope with some fields replaced; an empty string
		 * removes the field.
		 */
		private byte[] envelope(int index, Map<String, Object> replaced) {
			Event event = Event.entityCreated("widget", "malformed-" + index, new Widget("m" + index, index)).build();
			@SuppressWarnings("unchecked")
			Map<String, Object> fields = new LinkedHashMap<>(this.json.convertValue(event, Map.class));
			replaced.forEach((name, value) -> {
				if ("".equals(value)) {
					fields.remove(name);
				}
				else {
					fields.put(name, value);
				}
			});
			return this.json.writeValueAsBytes(fields);
		}

		private byte[] randomBytes(int length) {
			byte[] bytes = new byte[length];
			this.random.nextBytes(bytes);
			return bytes;
		}

		private static byte[] bytes(String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}

	}

	/**
	 * A malformed record's place in the topic.
	 */
	record Position(int partition, long offset) {

	}

	/**
	 * What was sent: the malformed records by their place.
	 */
	private static final class Sent {

		final Map<Position, Kind> malformed = new HashMap<>();

		final Map<String, Long> validSentAt = new HashMap<>();

		long huge() {
			return this.malformed.values().stream().filter((kind) -> kind == Kind.HUGE_VALUE).count();
		}

	}

	/**
	 * What the dead-letter topic held.
	 */
	private static final class DeadLetters {

		final Set<Position> matched = new java.util.HashSet<>();

		long records;

		long unknown;

		long valueDropped;

	}

	/**
	 * The payload of the valid events.
	 */
	record Widget(String name, int size) {

	}

	/**
	 * Counts each valid event the handler took.
	 */
	static final class Handled {

		private final Map<String, AtomicInteger> byEventId = new ConcurrentHashMap<>();

		private final Map<String, Long> firstHandledAt = new ConcurrentHashMap<>();

		@DictameshEventHandler(types = "entity.created", entityTypes = "widget")
		void onWidget(Widget widget, Event event) {
			this.firstHandledAt.putIfAbsent(event.eventId(), System.nanoTime());
			this.byEventId.computeIfAbsent(event.eventId(), (id) -> new AtomicInteger()).incrementAndGet();
		}

		/**
		 * Return the longest time in milliseconds from an event's send to its handling.
		 */
		long longestWait(Map<String, Long> sentAt) {
			return this.firstHandledAt.entrySet()
				.stream()
				.filter((entry) -> sentAt.containsKey(entry.getKey()))
				.mapToLong((entry) -> TimeUnit.NANOSECONDS.toMillis(entry.getValue() - sentAt.get(entry.getKey())))
				.max()
				.orElse(0);
		}

		int distinct() {
			return this.byEventId.size();
		}

		long beyondOnce() {
			return this.byEventId.values().stream().mapToLong((count) -> count.get() - 1).sum();
		}

	}

	/**
	 * The service: the starter and one handler, no database.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MalformedRecordsService {

		@Bean
		Handled handled() {
			return new Handled();
		}

	}

}
