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

package com.dictamesh.events.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.dictamesh.events.EventsConfigurationException;
import com.dictamesh.events.autoconfigure.DictameshEventsProperties.Retry;
import com.dictamesh.events.autoconfigure.DictameshEventsProperties.Topics;

import org.springframework.util.StringUtils;

/**
 * Checks {@link DictameshEventsProperties} and the bootstrap servers at start-up, so that
 * a wrong setting stops the application with the property's name and its fix.
 */
final class DictameshEventsPropertiesValidator {

	private static final Pattern TOPIC_CHARACTERS = Pattern.compile("[a-zA-Z0-9._-]*");

	private static final Set<String> ACKS = Set.of("all", "-1", "0", "1");

	private static final Set<String> COMPRESSION_TYPES = Set.of("none", "gzip", "snappy", "lz4", "zstd");

	private DictameshEventsPropertiesValidator() {
	}

	static void validate(DictameshEventsProperties properties, List<String> bootstrapServers) {
		if (bootstrapServers.isEmpty()
				|| bootstrapServers.stream().anyMatch((server) -> !StringUtils.hasText(server))) {
			throw EventsConfigurationException.invalidProperty("spring.kafka.bootstrap-servers",
					String.join(",", bootstrapServers), "Kafka needs at least one broker address",
					"set it to the comma-separated host:port list of your brokers, e.g. localhost:9092");
		}
		validateRetry(properties.getRetry());
		validateAvro(properties);
		if (properties.getProfile() == DictameshEventsProperties.Profile.PRODUCTION) {
			// First: a setting weaker than the profile is the mistake to name.
			validateProduction(properties);
		}
		validateTopics(properties.getTopics());
		validateOutbox(properties.getOutbox().getRelay());
		validateHealth(properties.getHealth());
		DictameshEventsProperties.Idempotency idempotency = properties.getIdempotency();
		if (idempotency.getTimeToLive().isNegative() || idempotency.getTimeToLive().isZero()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.idempotency.time-to-live",
					idempotency.getTimeToLive(), "marks would expire at once and redeliveries be processed again",
					"use a positive duration at least as long as the topics' retention, e.g. 7d");
		}
		if (idempotency.getCleanupBatchSize() < 1 || idempotency.getMemoryCapacity() < 1) {
			throw EventsConfigurationException.invalidProperty(
					(idempotency.getCleanupBatchSize() < 1) ? "dictamesh.events.idempotency.cleanup-batch-size"
							: "dictamesh.events.idempotency.memory-capacity",
					Math.min(idempotency.getCleanupBatchSize(), idempotency.getMemoryCapacity()), "it must be positive",
					"set it to 1 or more");
		}
		if (properties.getDeadLetter().getMaxRedrives() < 0) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.dead-letter.max-redrives",
					properties.getDeadLetter().getMaxRedrives(), "a count of redrives cannot be negative",
					"set it to 0 to park every redriven record, or more, e.g. 3");
		}
		if (!TOPIC_CHARACTERS.matcher(properties.getDeadLetter().getParkingTopic()).matches()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.dead-letter.parking-topic",
					properties.getDeadLetter().getParkingTopic(),
					"a topic name has letters, digits, '.', '_' and '-' only", "use a name such as parking-lot");
		}
		if (properties.getConsumer().getConcurrency() < 1) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.consumer.concurrency",
					properties.getConsumer().getConcurrency(), "a group needs at least one consumer",
					"set it to 1 or more, at most the number of partitions");
		}
		String acks = properties.getProducer().getAcks();
		if (!ACKS.contains(acks)) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.producer.acks", acks,
					"Kafka accepts all, 1 or 0", "use all (the default) so that no acknowledged event is lost");
		}
		String compression = properties.getProducer().getCompressionType();
		if (!COMPRESSION_TYPES.contains(compression)) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.producer.compression-type",
					compression, "Kafka knows none, gzip, snappy, lz4 and zstd", "use one of these, e.g. lz4");
		}
		if (properties.getProducer().getLinger().isNegative()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.producer.linger",
					properties.getProducer().getLinger(), "a wait cannot be negative", "use 0ms or more, e.g. 5ms");
		}
		if (properties.getProducer().getBatchSize().toBytes() < 0
				|| properties.getProducer().getBatchSize().toBytes() > Integer.MAX_VALUE) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.producer.batch-size",
					properties.getProducer().getBatchSize(), "Kafka takes 0 to 2GB", "use a size such as 64KB");
		}
		if (!StringUtils.hasText(properties.getDeadLetter().getTopic())
				|| !TOPIC_CHARACTERS.matcher(properties.getDeadLetter().getTopic()).matches()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.dead-letter.topic",
					properties.getDeadLetter().getTopic(), "a topic name has letters, digits, '.', '_' and '-' only",
					"use a name such as dead-letter");
		}
	}

	/**
	 * Refuse explicit settings that undo what the production profile promises: no
	 * acknowledged event lost when one broker fails, and sends still accepted while it is
	 * away.
	 */
	private static void validateProduction(DictameshEventsProperties properties) {
		String drop = " (or, for a development cluster, remove dictamesh.events.profile=production)";
		Topics topics = properties.getTopics();
		if (topics.getReplicationFactor() < 3) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.topics.replication-factor",
					topics.getReplicationFactor(),
					"the production profile keeps three copies of each record, so that one broker can fail "
							+ "while two still hold every acknowledged event",
					"remove it, as the profile sets 3, or set it to 3 or more" + drop);
		}
		Integer minInsyncReplicas = topics.getMinInsyncReplicas();
		if (minInsyncReplicas == null || minInsyncReplicas < 2 || minInsyncReplicas >= topics.getReplicationFactor()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.topics.min-insync-replicas",
					minInsyncReplicas,
					"the production profile needs an acks=all send to reach two replicas or more (an event "
							+ "acknowledged by one broker dies with it) and fewer than the replication factor ("
							+ topics.getReplicationFactor() + "), so that sends go on while one broker is away",
					"remove it, as the profile sets 2, or set it between 2 and " + (topics.getReplicationFactor() - 1)
							+ drop);
		}
		DictameshEventsProperties.Producer producer = properties.getProducer();
		if (!"all".equals(producer.getAcks()) && !"-1".equals(producer.getAcks())) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.producer.acks", producer.getAcks(),
					"with the production profile an event counts as published only once every in-sync "
							+ "replica has it",
					"remove it, as the profile sets all" + drop);
		}
		if (!producer.isIdempotence()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.producer.idempotence", false,
					"without it a retried send after a broker failure may duplicate or reorder a key's events",
					"remove it, as the profile sets true" + drop);
		}
	}

	private static void validateHealth(DictameshEventsProperties.Health health) {
		String prefix = "dictamesh.events.health.";
		if (health.getRefreshInterval().isNegative() || health.getRefreshInterval().isZero()) {
			throw EventsConfigurationException.invalidProperty(prefix + "refresh-interval", health.getRefreshInterval(),
					"the figures would be refreshed without rest", "use a positive duration such as 10s");
		}
		if (health.getTimeout().isNegative() || health.getTimeout().isZero()) {
			throw EventsConfigurationException.invalidProperty(prefix + "timeout", health.getTimeout(),
					"no refresh could ever end in time", "use a positive duration such as 3s");
		}
		if (health.getLagThreshold() < 0) {
			throw EventsConfigurationException.invalidProperty(prefix + "lag-threshold", health.getLagThreshold(),
					"a lag is never negative", "use 0 or more, e.g. 10000");
		}
	}

	private static void validateOutbox(DictameshEventsProperties.Outbox.Relay relay) {
		String prefix = "dictamesh.events.outbox.relay.";
		if (relay.getBuckets() < 1) {
			throw EventsConfigurationException.invalidProperty(prefix + "buckets", relay.getBuckets(),
					"rows need at least one bucket", "set it to 1 or more, e.g. 64");
		}
		if (relay.getBatchSize() < 1) {
			throw EventsConfigurationException.invalidProperty(prefix + "batch-size", relay.getBatchSize(),
					"a batch needs at least one row", "set it to 1 or more, e.g. 500");
		}
		if (relay.getLeaseDuration().compareTo(Duration.ofSeconds(1)) < 0) {
			throw EventsConfigurationException.invalidProperty(prefix + "lease-duration", relay.getLeaseDuration(),
					"a third of it bounds a send to the broker", "use 1s or more, e.g. 30s");
		}
		if (relay.getMaxAttempts() < 1) {
			throw EventsConfigurationException.invalidProperty(prefix + "max-attempts", relay.getMaxAttempts(),
					"every row is attempted at least once", "set it to 1 or more, e.g. 10");
		}
		if (relay.getPollInterval().isNegative() || relay.getPollInterval().isZero()) {
			throw EventsConfigurationException.invalidProperty(prefix + "poll-interval", relay.getPollInterval(),
					"the relay would never rest", "use a positive duration such as 500ms");
		}
		if (relay.getRetention().isNegative()) {
			throw EventsConfigurationException.invalidProperty(prefix + "retention", relay.getRetention(),
					"a retention cannot be negative", "use 0s to delete published rows at once, or e.g. 1d");
		}
	}

	private static void validateRetry(Retry retry) {
		if (retry.getMaxAttempts() < 1) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.retry.max-attempts",
					retry.getMaxAttempts(), "it counts every delivery, the first included",
					"set it to 1 (no retry) or more, e.g. 3");
		}
		if (retry.getInitialInterval().isNegative()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.retry.initial-interval",
					retry.getInitialInterval(), "a back-off cannot be negative", "use 0ms or more, e.g. 1s");
		}
		if (retry.getMultiplier() < 1.0) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.retry.multiplier",
					retry.getMultiplier(), "a multiplier below 1 shrinks the back-off", "use 1.0 or more, e.g. 2.0");
		}
		if (retry.getMaxInterval().compareTo(retry.getInitialInterval()) < 0) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.retry.max-interval",
					retry.getMaxInterval(),
					"it is shorter than dictamesh.events.retry.initial-interval (" + retry.getInitialInterval() + ")",
					"set it to at least the initial interval");
		}
	}

	private static void validateTopics(Topics topics) {
		if (!TOPIC_CHARACTERS.matcher(topics.getPrefix()).matches()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.topics.prefix", topics.getPrefix(),
					"a topic name has letters, digits, '.', '_' and '-' only", "use a prefix such as dictamesh.");
		}
		if (!StringUtils.hasText(topics.getDefaultTopic())
				|| !TOPIC_CHARACTERS.matcher(topics.getDefaultTopic()).matches()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.topics.default-topic",
					topics.getDefaultTopic(), "a topic name has letters, digits, '.', '_' and '-' only",
					"use a name such as domain.events");
		}
		if (topics.getPartitions() < 1) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.topics.partitions",
					topics.getPartitions(), "a topic needs at least one partition", "set it to 1 or more, e.g. 12");
		}
		if (topics.getReplicationFactor() < 1) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.topics.replication-factor",
					topics.getReplicationFactor(), "a topic needs at least one replica",
					"set it to 1 for a single broker, 3 in production");
		}
		Integer minInsyncReplicas = topics.getMinInsyncReplicas();
		if (minInsyncReplicas != null && (minInsyncReplicas < 1 || minInsyncReplicas > topics.getReplicationFactor())) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.topics.min-insync-replicas",
					minInsyncReplicas,
					"it must be between 1 and the replication factor (" + topics.getReplicationFactor()
							+ "), or no acks=all send could ever succeed",
					"set it below dictamesh.events.topics.replication-factor, e.g. 2 with a replication factor of 3");
		}
		Duration retention = topics.getRetention();
		if (retention.isZero() || retention.isNegative()) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.topics.retention", retention,
					"records would be deleted at once", "use a positive duration such as 7d");
		}
	}

	private static void validateAvro(DictameshEventsProperties properties) {
		if (properties.getSerialization().getFormat() != DictameshEventsProperties.Serialization.Format.AVRO) {
			return;
		}
		DictameshEventsProperties.Avro avro = properties.getAvro();
		if (avro.getRegistryUrl().isEmpty()
				|| avro.getRegistryUrl().stream().anyMatch((url) -> !StringUtils.hasText(url))) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.avro.registry-url",
					AvroStartupCheck.describe(avro.getRegistryUrl()), "Avro events need a schema registry",
					"set it to the registry's URL, e.g. http://localhost:8081, or mock://test in tests");
		}
		if (avro.getConnectTimeout().isNegative() || avro.getReadTimeout().isNegative()) {
			throw EventsConfigurationException.invalidProperty(
					avro.getConnectTimeout().isNegative() ? "dictamesh.events.avro.connect-timeout"
							: "dictamesh.events.avro.read-timeout",
					avro.getConnectTimeout().isNegative() ? avro.getConnectTimeout() : avro.getReadTimeout(),
					"a timeout cannot be negative", "use a positive duration such as 10s, or 0 for no limit");
		}
		if ("USER_INFO".equals(avro.getBasicAuthCredentialsSource().name())
				&& !StringUtils.hasText(avro.getBasicAuthUserInfo())) {
			throw EventsConfigurationException.invalidProperty("dictamesh.events.avro.basic-auth-user-info", "",
					"basic-auth-credentials-source is USER_INFO but no credentials are set",
					"set it to user:password, or set basic-auth-credentials-source to URL");
		}
	}

}
