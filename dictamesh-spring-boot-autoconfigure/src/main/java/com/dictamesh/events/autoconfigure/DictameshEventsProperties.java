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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dictamesh.events.avro.BasicAuthCredentialsSource;
import com.dictamesh.events.avro.CompatibilityLevel;
import com.dictamesh.events.kafka.DeadLetterNaming;
import com.dictamesh.events.kafka.TopicNaming;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of DictaMesh events. Connection, security and client settings
 * come from {@code spring.kafka.*}; these properties only add what the starter needs.
 */
@ConfigurationProperties("dictamesh.events")
public class DictameshEventsProperties {

	/**
	 * Whether DictaMesh events are enabled.
	 */
	private boolean enabled = true;

	/**
	 * Preset of defaults for the kind of cluster the application runs against:
	 * development (one broker, one replica) or production (replication factor 3,
	 * min.insync.replicas 2, 30 days of retention, acks=all with idempotence), which also
	 * refuses explicit settings weaker than that at start-up.
	 */
	private Profile profile = Profile.DEVELOPMENT;

	/**
	 * Source written in the events this application publishes. Defaults to
	 * spring.application.name.
	 */
	private @Nullable String source;

	private final Producer producer = new Producer();

	private final Consumer consumer = new Consumer();

	private final Topics topics = new Topics();

	private final Retry retry = new Retry();

	private final DeadLetter deadLetter = new DeadLetter();

	private final Outbox outbox = new Outbox();

	private final Jdbc jdbc = new Jdbc();

	private final Idempotency idempotency = new Idempotency();

	private final Correlation correlation = new Correlation();

	private final Health health = new Health();

	private final Endpoint endpoint = new Endpoint();

	private final Serialization serialization = new Serialization();

	private final Avro avro = new Avro();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Profile getProfile() {
		return this.profile;
	}

	public void setProfile(Profile profile) {
		this.profile = profile;
	}

	public @Nullable String getSource() {
		return this.source;
	}

	public void setSource(@Nullable String source) {
		this.source = source;
	}

	public Producer getProducer() {
		return this.producer;
	}

	public Consumer getConsumer() {
		return this.consumer;
	}

	public Topics getTopics() {
		return this.topics;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public DeadLetter getDeadLetter() {
		return this.deadLetter;
	}

	public Outbox getOutbox() {
		return this.outbox;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Idempotency getIdempotency() {
		return this.idempotency;
	}

	public Correlation getCorrelation() {
		return this.correlation;
	}

	/**
	 * Presets of defaults, after the original DictaMesh's {@code DefaultConfig} and
	 * {@code ProductionConfig}.
	 */
	public enum Profile {

		/**
		 * The defaults of each property: a single development broker works.
		 */
		DEVELOPMENT,

		/**
		 * Durable defaults for a cluster of three brokers or more (see
		 * {@link DictameshProfileEnvironmentPostProcessor}), and start-up refuses
		 * settings that would weaken them.
		 */
		PRODUCTION

	}

	/**
	 * Where flows of events start: the correlation ids of events published outside a
	 * handler.
	 */
	public static class Correlation {

		private final Http http = new Http();

		public Http getHttp() {
			return this.http;
		}

		/**
		 * HTTP requests that start a flow, in a servlet web application.
		 */
		public static class Http {

			/**
			 * Whether a servlet filter makes the correlation header of each request the
			 * correlation id of the events published while handling it, and writes it on
			 * the response.
			 */
			private boolean enabled = true;

			/**
			 * Name of the request and response header that carries the correlation id.
			 */
			private String header = "X-Correlation-Id";

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public String getHeader() {
				return this.header;
			}

			public void setHeader(String header) {
				this.header = header;
			}

		}

	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Figures behind the Actuator health indicators and gauges: each is refreshed in the
	 * background and cached, so that a probe never waits on the broker or the database.
	 */
	public static class Health {

		/**
		 * Whether the figures (cluster, consumer lag, outbox backlog, dead letters) are
		 * refreshed in the background when Actuator's health support is present.
		 */
		private boolean enabled = true;

		/**
		 * Time between the end of one refresh of a figure and the start of the next.
		 */
		private Duration refreshInterval = Duration.ofSeconds(10);

		/**
		 * Longest a refresh may take before the figure counts as failed and its indicator
		 * DOWN.
		 */
		private Duration timeout = Duration.ofSeconds(3);

		/**
		 * Largest lag, in records, of one partition of a consumer group before the
		 * consumer lag indicator is DOWN.
		 */
		private long lagThreshold = 10_000;

		/**
		 * Number of the most lagging partitions shown in the consumer lag details.
		 */
		private int lagDetails = 5;

		/**
		 * Longest the oldest pending outbox row may wait before the outbox indicator is
		 * DOWN.
		 */
		private Duration outboxAgeThreshold = Duration.ofMinutes(5);

		/**
		 * Number of the newest dead letters summarized in the dead letters details.
		 */
		private int deadLetterSummaries = 5;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public long getLagThreshold() {
			return this.lagThreshold;
		}

		public void setLagThreshold(long lagThreshold) {
			this.lagThreshold = lagThreshold;
		}

		public int getLagDetails() {
			return this.lagDetails;
		}

		public void setLagDetails(int lagDetails) {
			this.lagDetails = lagDetails;
		}

		public Duration getOutboxAgeThreshold() {
			return this.outboxAgeThreshold;
		}

		public void setOutboxAgeThreshold(Duration outboxAgeThreshold) {
			this.outboxAgeThreshold = outboxAgeThreshold;
		}

		public int getDeadLetterSummaries() {
			return this.deadLetterSummaries;
		}

		public void setDeadLetterSummaries(int deadLetterSummaries) {
			this.deadLetterSummaries = deadLetterSummaries;
		}

	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Producer settings applied on top of spring.kafka.producer.* for the starter's
	 * publisher.
	 */
	public static class Producer {

		/**
		 * Acknowledgments the publisher waits for: all, 1 or 0.
		 */
		private String acks = "all";

		/**
		 * Whether the producer is idempotent, so that retries neither duplicate nor
		 * reorder records.
		 */
		private boolean idempotence = true;

		/**
		 * Compression of record batches: none, gzip, snappy, lz4 or zstd.
		 */
		private String compressionType = "lz4";

		/**
		 * Time to wait for more records before sending a batch.
		 */
		private Duration linger = Duration.ofMillis(5);

		/**
		 * Size of a record batch per partition.
		 */
		private DataSize batchSize = DataSize.ofKilobytes(64);

		/**
		 * Whether sends are observed, which times them as Spring Kafka's
		 * spring.kafka.template observation and, with tracing, propagates the trace in
		 * the W3C traceparent header. When not set, sends are observed when a Micrometer
		 * Tracer is present or spring.kafka.template.observation-enabled is set.
		 */
		private @Nullable Boolean observationEnabled;

		public String getAcks() {
			return this.acks;
		}

		public void setAcks(String acks) {
			this.acks = acks;
		}

		public boolean isIdempotence() {
			return this.idempotence;
		}

		public void setIdempotence(boolean idempotence) {
			this.idempotence = idempotence;
		}

		public String getCompressionType() {
			return this.compressionType;
		}

		public void setCompressionType(String compressionType) {
			this.compressionType = compressionType;
		}

		public Duration getLinger() {
			return this.linger;
		}

		public void setLinger(Duration linger) {
			this.linger = linger;
		}

		public DataSize getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(DataSize batchSize) {
			this.batchSize = batchSize;
		}

		public @Nullable Boolean getObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(@Nullable Boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

	}

	/**
	 * Consumer settings of the event handler containers.
	 */
	public static class Consumer {

		/**
		 * Consumer group of handlers that name none. Defaults to spring.application.name.
		 */
		private @Nullable String groupId;

		/**
		 * Number of consumer threads per group.
		 */
		private int concurrency = 1;

		/**
		 * Where a new consumer group starts reading: earliest or latest.
		 */
		private OffsetReset autoOffsetReset = OffsetReset.EARLIEST;

		/**
		 * Whether the handler containers start with the application.
		 */
		private boolean autoStartup = true;

		/**
		 * Whether handler deliveries are observed, which times them as Spring Kafka's
		 * spring.kafka.listener observation and, with tracing, continues the trace of the
		 * record's W3C traceparent header in the handler. When not set, deliveries are
		 * observed when a Micrometer Tracer is present or
		 * spring.kafka.listener.observation-enabled is set.
		 */
		private @Nullable Boolean observationEnabled;

		public @Nullable String getGroupId() {
			return this.groupId;
		}

		public void setGroupId(@Nullable String groupId) {
			this.groupId = groupId;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public OffsetReset getAutoOffsetReset() {
			return this.autoOffsetReset;
		}

		public void setAutoOffsetReset(OffsetReset autoOffsetReset) {
			this.autoOffsetReset = autoOffsetReset;
		}

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public @Nullable Boolean getObservationEnabled() {
			return this.observationEnabled;
		}

		public void setObservationEnabled(@Nullable Boolean observationEnabled) {
			this.observationEnabled = observationEnabled;
		}

		/**
		 * Where a consumer group without committed offsets starts.
		 */
		public enum OffsetReset {

			/**
			 * At the oldest record, so no event published before the first start is
			 * missed.
			 */
			EARLIEST,

			/**
			 * At the next record published.
			 */
			LATEST

		}

	}

	/**
	 * Topic naming and declaration.
	 */
	public static class Topics {

		/**
		 * How event types map to topics: category (one topic per category, seed 002) or
		 * per-type (one topic per event type, seed 000).
		 */
		private TopicNaming naming = TopicNaming.CATEGORY;

		/**
		 * Prefix of the names of the topics the starter names.
		 */
		private String prefix = "dictamesh.";

		/**
		 * Topic, without prefix, of event types of no known category.
		 */
		private String defaultTopic = "domain.events";

		/**
		 * Explicit topics by event type or pattern ending in '*', taking precedence over
		 * the naming. Use brackets for keys with dots, e.g. routes[order.*]=orders.
		 */
		private Map<String, String> routes = new LinkedHashMap<>();

		/**
		 * Whether the starter's topics are declared at start-up through KafkaAdmin.
		 */
		private boolean declare = true;

		/**
		 * Number of partitions of declared topics.
		 */
		private int partitions = 12;

		/**
		 * Replication factor of declared topics.
		 */
		private short replicationFactor = 1;

		/**
		 * Set min.insync.replicas on declared topics: the replicas that must have a
		 * record before an acks=all send succeeds. When not set, the broker's default
		 * applies.
		 */
		private @Nullable Integer minInsyncReplicas;

		/**
		 * How long declared topics keep records.
		 */
		private Duration retention = Duration.ofDays(7);

		public TopicNaming getNaming() {
			return this.naming;
		}

		public void setNaming(TopicNaming naming) {
			this.naming = naming;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public String getDefaultTopic() {
			return this.defaultTopic;
		}

		public void setDefaultTopic(String defaultTopic) {
			this.defaultTopic = defaultTopic;
		}

		public Map<String, String> getRoutes() {
			return this.routes;
		}

		public void setRoutes(Map<String, String> routes) {
			this.routes = routes;
		}

		public boolean isDeclare() {
			return this.declare;
		}

		public void setDeclare(boolean declare) {
			this.declare = declare;
		}

		public int getPartitions() {
			return this.partitions;
		}

		public void setPartitions(int partitions) {
			this.partitions = partitions;
		}

		public short getReplicationFactor() {
			return this.replicationFactor;
		}

		public void setReplicationFactor(short replicationFactor) {
			this.replicationFactor = replicationFactor;
		}

		public @Nullable Integer getMinInsyncReplicas() {
			return this.minInsyncReplicas;
		}

		public void setMinInsyncReplicas(@Nullable Integer minInsyncReplicas) {
			this.minInsyncReplicas = minInsyncReplicas;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

	/**
	 * Retries of failed handlers.
	 */
	public static class Retry {

		/**
		 * Delivery attempts of a record, the first included, before it goes to the
		 * dead-letter topic; 1 means no retry.
		 */
		private int maxAttempts = 3;

		/**
		 * Back-off before the second attempt.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Factor applied to the back-off after each attempt.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest back-off between two attempts.
		 */
		private Duration maxInterval = Duration.ofSeconds(30);

		/**
		 * Exceptions that no retry can fix: records whose handler throws one go to the
		 * dead-letter topic at once.
		 */
		private List<Class<? extends Exception>> nonRetryableExceptions = new ArrayList<>();

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public List<Class<? extends Exception>> getNonRetryableExceptions() {
			return this.nonRetryableExceptions;
		}

		public void setNonRetryableExceptions(List<Class<? extends Exception>> nonRetryableExceptions) {
			this.nonRetryableExceptions = nonRetryableExceptions;
		}

	}

	/**
	 * Dead-letter topics.
	 */
	public static class DeadLetter {

		/**
		 * Where failed records go: shared (one topic, {prefix}dead-letter) or per-topic
		 * (Spring Kafka's {topic}-dlt).
		 */
		private DeadLetterNaming naming = DeadLetterNaming.SHARED;

		/**
		 * Name, without prefix, of the shared dead-letter topic.
		 */
		private String topic = "dead-letter";

		/**
		 * Number of times a dead letter may be redriven to its original topic; a redrive
		 * past it sends the record to the parking topic instead.
		 */
		private int maxRedrives = 3;

		/**
		 * Name, without prefix, of the topic that holds dead letters redriven too often.
		 */
		private String parkingTopic = "parking-lot";

		public int getMaxRedrives() {
			return this.maxRedrives;
		}

		public void setMaxRedrives(int maxRedrives) {
			this.maxRedrives = maxRedrives;
		}

		public String getParkingTopic() {
			return this.parkingTopic;
		}

		public void setParkingTopic(String parkingTopic) {
			this.parkingTopic = parkingTopic;
		}

		public DeadLetterNaming getNaming() {
			return this.naming;
		}

		public void setNaming(DeadLetterNaming naming) {
			this.naming = naming;
		}

		public String getTopic() {
			return this.topic;
		}

		public void setTopic(String topic) {
			this.topic = topic;
		}

	}

	/**
	 * Transactional outbox on the application's DataSource.
	 */
	public static class Outbox {

		/**
		 * Whether the outbox is enabled when the application has a DataSource.
		 */
		private boolean enabled = true;

		/**
		 * Whether OutboxEventPublisher requires the caller's transaction; when false, an
		 * event published outside a transaction is written in a transaction of its own.
		 */
		private boolean transactionRequired = true;

		/**
		 * Whether Event objects published as Spring application events are written to the
		 * outbox.
		 */
		private boolean applicationEvents;

		private final Relay relay = new Relay();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isTransactionRequired() {
			return this.transactionRequired;
		}

		public void setTransactionRequired(boolean transactionRequired) {
			this.transactionRequired = transactionRequired;
		}

		public boolean isApplicationEvents() {
			return this.applicationEvents;
		}

		public void setApplicationEvents(boolean applicationEvents) {
			this.applicationEvents = applicationEvents;
		}

		public Relay getRelay() {
			return this.relay;
		}

		/**
		 * The relay that publishes outbox rows.
		 */
		public static class Relay {

			/**
			 * Whether this instance runs a relay.
			 */
			private boolean enabled = true;

			/**
			 * Number of key buckets leased to relay instances. Change it only while no
			 * row is pending.
			 */
			private int buckets = 64;

			/**
			 * Whether, on PostgreSQL, writers NOTIFY the relays of other instances and
			 * each relay LISTENs on one connection of the pool, so that rows go out right
			 * after the commit wherever they were written.
			 */
			private boolean notify = true;

			/**
			 * Rows read and published per batch.
			 */
			private int batchSize = 500;

			/**
			 * Longest wait between two looks for rows, the bound on the delay of rows
			 * whose bucket another instance publishes.
			 */
			private Duration pollInterval = Duration.ofMillis(500);

			/**
			 * How long a bucket lease lasts without renewal: the longest time before the
			 * buckets of a crashed instance are taken over.
			 */
			private Duration leaseDuration = Duration.ofSeconds(30);

			/**
			 * Attempts before a row that cannot be published (too large, refused) is
			 * marked failed.
			 */
			private int maxAttempts = 10;

			/**
			 * First pause after the broker or the database failed.
			 */
			private Duration initialBackoff = Duration.ofMillis(500);

			/**
			 * Longest pause after repeated failures.
			 */
			private Duration maxBackoff = Duration.ofSeconds(30);

			/**
			 * How long published rows are kept; zero deletes them as soon as they are
			 * published.
			 */
			private Duration retention = Duration.ZERO;

			/**
			 * How often rows past the retention are deleted.
			 */
			private Duration cleanupInterval = Duration.ofMinutes(1);

			/**
			 * Rows deleted per clean-up statement.
			 */
			private int cleanupBatchSize = 1000;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public int getBuckets() {
				return this.buckets;
			}

			public void setBuckets(int buckets) {
				this.buckets = buckets;
			}

			public boolean isNotify() {
				return this.notify;
			}

			public void setNotify(boolean notify) {
				this.notify = notify;
			}

			public int getBatchSize() {
				return this.batchSize;
			}

			public void setBatchSize(int batchSize) {
				this.batchSize = batchSize;
			}

			public Duration getPollInterval() {
				return this.pollInterval;
			}

			public void setPollInterval(Duration pollInterval) {
				this.pollInterval = pollInterval;
			}

			public Duration getLeaseDuration() {
				return this.leaseDuration;
			}

			public void setLeaseDuration(Duration leaseDuration) {
				this.leaseDuration = leaseDuration;
			}

			public int getMaxAttempts() {
				return this.maxAttempts;
			}

			public void setMaxAttempts(int maxAttempts) {
				this.maxAttempts = maxAttempts;
			}

			public Duration getInitialBackoff() {
				return this.initialBackoff;
			}

			public void setInitialBackoff(Duration initialBackoff) {
				this.initialBackoff = initialBackoff;
			}

			public Duration getMaxBackoff() {
				return this.maxBackoff;
			}

			public void setMaxBackoff(Duration maxBackoff) {
				this.maxBackoff = maxBackoff;
			}

			public Duration getRetention() {
				return this.retention;
			}

			public void setRetention(Duration retention) {
				this.retention = retention;
			}

			public Duration getCleanupInterval() {
				return this.cleanupInterval;
			}

			public void setCleanupInterval(Duration cleanupInterval) {
				this.cleanupInterval = cleanupInterval;
			}

			public int getCleanupBatchSize() {
				return this.cleanupBatchSize;
			}

			public void setCleanupBatchSize(int cleanupBatchSize) {
				this.cleanupBatchSize = cleanupBatchSize;
			}

		}

	}

	/**
	 * The starter's tables on the application's DataSource.
	 */
	public static class Jdbc {

		/**
		 * Whether the starter creates and migrates its tables (outbox, idempotency marks)
		 * with Flyway, in its own history table dictamesh_schema_history.
		 */
		private boolean initializeSchema = true;

		public boolean isInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

	}

	/**
	 * Idempotent consumption.
	 */
	public static class Idempotency {

		/**
		 * Where processed events are remembered: auto (the database when there is a
		 * DataSource, else nowhere), jdbc, memory (one instance only) or none.
		 */
		private Store store = Store.AUTO;

		/**
		 * How long a processed mark is kept; keep it at least as long as the topics keep
		 * records, so that a replay is still recognised.
		 */
		private Duration timeToLive = Duration.ofDays(7);

		/**
		 * How often expired marks are deleted.
		 */
		private Duration cleanupInterval = Duration.ofMinutes(10);

		/**
		 * Marks deleted per clean-up statement.
		 */
		private int cleanupBatchSize = 1000;

		/**
		 * Most marks the in-memory store keeps, forgetting the oldest first.
		 */
		private int memoryCapacity = 100_000;

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public Duration getCleanupInterval() {
			return this.cleanupInterval;
		}

		public void setCleanupInterval(Duration cleanupInterval) {
			this.cleanupInterval = cleanupInterval;
		}

		public int getCleanupBatchSize() {
			return this.cleanupBatchSize;
		}

		public void setCleanupBatchSize(int cleanupBatchSize) {
			this.cleanupBatchSize = cleanupBatchSize;
		}

		public int getMemoryCapacity() {
			return this.memoryCapacity;
		}

		public void setMemoryCapacity(int memoryCapacity) {
			this.memoryCapacity = memoryCapacity;
		}

		/**
		 * Where processed events are remembered.
		 */
		public enum Store {

			/**
			 * The database when the application has a DataSource, else nowhere.
			 */
			AUTO,

			/**
			 * The application's database.
			 */
			JDBC,

			/**
			 * The application's memory: one instance only, lost on restart.
			 */
			MEMORY,

			/**
			 * Nowhere: handlers are not made idempotent.
			 */
			NONE

		}

	}

	/**
	 * The dictamesh actuator endpoint.
	 */
	public static class Endpoint {

		/**
		 * Whether the endpoint's write operations (redrive, replay) run; when false they
		 * answer with a refusal. Protect them with Spring Security before enabling them.
		 */
		private boolean writeOperationsEnabled;

		public boolean isWriteOperationsEnabled() {
			return this.writeOperationsEnabled;
		}

		public void setWriteOperationsEnabled(boolean writeOperationsEnabled) {
			this.writeOperationsEnabled = writeOperationsEnabled;
		}

	}

	public Serialization getSerialization() {
		return this.serialization;
	}

	public Avro getAvro() {
		return this.avro;
	}

	/**
	 * How events are written to Kafka.
	 */
	public static class Serialization {

		/**
		 * Format of the record values the starter writes and reads.
		 */
		private Format format = Format.JSON;

		public Format getFormat() {
			return this.format;
		}

		public void setFormat(Format format) {
			this.format = format;
		}

		/**
		 * Formats of record values.
		 */
		public enum Format {

			/**
			 * Snake_case JSON text.
			 */
			JSON,

			/**
			 * Avro in a schema registry's wire format, see dictamesh.events.avro.
			 */
			AVRO

		}

	}

	/**
	 * Avro and its schema registry, used when dictamesh.events.serialization.format is
	 * avro.
	 */
	public static class Avro {

		/**
		 * URLs of the schema registry, tried in turn; mock://scope for an in-memory
		 * registry in tests.
		 */
		private List<String> registryUrl = new ArrayList<>();

		/**
		 * Whether to register the schemas written, rather than only look their ids up.
		 */
		private boolean autoRegisterSchemas = true;

		/**
		 * Whether to write with the subject's latest version instead of registering, when
		 * auto-register-schemas is false.
		 */
		private boolean useLatestVersion;

		/**
		 * Strategy naming the subject of the envelope schema.
		 */
		private SubjectNaming subjectNameStrategy = SubjectNaming.TOPIC;

		/**
		 * Whether Avro payloads are read as generated SpecificRecord classes rather than
		 * GenericRecord.
		 */
		private boolean specificReader;

		/**
		 * Where the registry's basic authentication credentials come from: the URL's user
		 * info or basic-auth-user-info.
		 */
		private BasicAuthCredentialsSource basicAuthCredentialsSource = BasicAuthCredentialsSource.URL;

		/**
		 * Credentials for the registry, as user:password, when
		 * basic-auth-credentials-source is USER_INFO.
		 */
		private @Nullable String basicAuthUserInfo;

		/**
		 * Time to wait for a connection to the registry.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Time to wait for the registry's answer.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		/**
		 * Whether to check at start-up that the envelope schema is compatible with the
		 * latest version of the subjects of the starter's topics.
		 */
		private boolean checkCompatibility = true;

		/**
		 * Compatibility levels to set on subjects at start-up, by subject name.
		 */
		private Map<String, CompatibilityLevel> compatibility = new LinkedHashMap<>();

		/**
		 * Further settings of the Avro serializers and registry client, with Confluent's
		 * keys, such as max.retries.
		 */
		private Map<String, String> properties = new LinkedHashMap<>();

		public List<String> getRegistryUrl() {
			return this.registryUrl;
		}

		public void setRegistryUrl(List<String> registryUrl) {
			this.registryUrl = registryUrl;
		}

		public boolean isAutoRegisterSchemas() {
			return this.autoRegisterSchemas;
		}

		public void setAutoRegisterSchemas(boolean autoRegisterSchemas) {
			this.autoRegisterSchemas = autoRegisterSchemas;
		}

		public boolean isUseLatestVersion() {
			return this.useLatestVersion;
		}

		public void setUseLatestVersion(boolean useLatestVersion) {
			this.useLatestVersion = useLatestVersion;
		}

		public SubjectNaming getSubjectNameStrategy() {
			return this.subjectNameStrategy;
		}

		public void setSubjectNameStrategy(SubjectNaming subjectNameStrategy) {
			this.subjectNameStrategy = subjectNameStrategy;
		}

		public boolean isSpecificReader() {
			return this.specificReader;
		}

		public void setSpecificReader(boolean specificReader) {
			this.specificReader = specificReader;
		}

		public BasicAuthCredentialsSource getBasicAuthCredentialsSource() {
			return this.basicAuthCredentialsSource;
		}

		public void setBasicAuthCredentialsSource(BasicAuthCredentialsSource basicAuthCredentialsSource) {
			this.basicAuthCredentialsSource = basicAuthCredentialsSource;
		}

		public @Nullable String getBasicAuthUserInfo() {
			return this.basicAuthUserInfo;
		}

		public void setBasicAuthUserInfo(@Nullable String basicAuthUserInfo) {
			this.basicAuthUserInfo = basicAuthUserInfo;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public boolean isCheckCompatibility() {
			return this.checkCompatibility;
		}

		public void setCheckCompatibility(boolean checkCompatibility) {
			this.checkCompatibility = checkCompatibility;
		}

		public Map<String, CompatibilityLevel> getCompatibility() {
			return this.compatibility;
		}

		public void setCompatibility(Map<String, CompatibilityLevel> compatibility) {
			this.compatibility = compatibility;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

		public void setProperties(Map<String, String> properties) {
			this.properties = properties;
		}

		/**
		 * Subject name strategies, as Confluent's of the same names.
		 */
		public enum SubjectNaming {

			/**
			 * The topic's name and -value.
			 */
			TOPIC,

			/**
			 * The envelope record's full name.
			 */
			RECORD,

			/**
			 * The topic's name, a dash and the record's full name.
			 */
			TOPIC_RECORD

		}

	}

}
