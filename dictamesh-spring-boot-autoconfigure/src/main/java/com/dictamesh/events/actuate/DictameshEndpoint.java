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

package com.dictamesh.events.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.dictamesh.events.actuate.DeadLetterRedriver.RedriveResult;
import com.dictamesh.events.actuate.DeadLetterRedriver.Selection;
import com.dictamesh.events.actuate.OffsetReplayer.ReplayRefusedException;
import com.dictamesh.events.actuate.OffsetReplayer.ReplayResult;
import com.dictamesh.events.kafka.EventHandlerContainers;
import com.dictamesh.events.kafka.EventHandlerMethod;
import com.dictamesh.events.kafka.KafkaAccessDenials;
import com.dictamesh.events.kafka.TopicResolver;
import com.dictamesh.events.outbox.OutboxBacklog;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.StringUtils;

/**
 * The {@code dictamesh} actuator endpoint: what the application's handlers consume and
 * how their groups and dead letters stand ({@code GET /actuator/dictamesh}), the dead
 * letters themselves ({@code GET /actuator/dictamesh/dead-letters}), and, when enabled,
 * their redrive ({@code POST /actuator/dictamesh/redrive}) and the replay of a group from
 * a point in time ({@code POST /actuator/dictamesh/replay}).
 */
@Endpoint(id = "dictamesh")
public class DictameshEndpoint {

	static final String WRITE_OPERATIONS_PROPERTY = "dictamesh.events.endpoint.write-operations-enabled";

	private static final int STATUS_FORBIDDEN = 403;

	private static final int STATUS_CONFLICT = 409;

	private static final int STATUS_UNAVAILABLE = 503;

	private static final int DEFAULT_LIMIT = 20;

	private static final int MAX_LIMIT = 500;

	private final EventHandlerContainers containers;

	private final TopicResolver topicResolver;

	private final DeadLetterBrowser browser;

	private final DeadLetterRedriver redriver;

	private final OffsetReplayer replayer;

	private final boolean writeOperationsEnabled;

	private @Nullable ConsumerLagReader lagReader;

	private @Nullable OutboxBacklogReader outboxReader;

	private @Nullable DeadLetterMonitor deadLetterMonitor;

	private @Nullable KafkaAccessDenials accessDenials;

	/**
	 * Create the endpoint.
	 * @param containers the handler containers
	 * @param topicResolver the resolver of dead-letter topics
	 * @param browser reads dead letters
	 * @param redriver redrives dead letters
	 * @param replayer replays groups
	 * @param writeOperationsEnabled whether redrive and replay run
	 */
	public DictameshEndpoint(EventHandlerContainers containers, TopicResolver topicResolver, DeadLetterBrowser browser,
			DeadLetterRedriver redriver, OffsetReplayer replayer, boolean writeOperationsEnabled) {
		this.containers = containers;
		this.topicResolver = topicResolver;
		this.browser = browser;
		this.redriver = redriver;
		this.replayer = replayer;
		this.writeOperationsEnabled = writeOperationsEnabled;
	}

	/**
	 * Set the cached consumer lag the summary shows.
	 * @param lagReader the reader, {@code null} when there is none
	 */
	public void setLagReader(@Nullable ConsumerLagReader lagReader) {
		this.lagReader = lagReader;
	}

	/**
	 * Set the cached outbox backlog the summary shows.
	 * @param outboxReader the reader, {@code null} when there is none
	 */
	public void setOutboxReader(@Nullable OutboxBacklogReader outboxReader) {
		this.outboxReader = outboxReader;
	}

	/**
	 * Set the dead-letter count of the health indicator, which a redrive starts anew.
	 * @param deadLetterMonitor the monitor, {@code null} when there is none
	 */
	public void setDeadLetterMonitor(@Nullable DeadLetterMonitor deadLetterMonitor) {
		this.deadLetterMonitor = deadLetterMonitor;
	}

	/**
	 * Set the access denials of the cluster the summary shows.
	 * @param accessDenials the denials, {@code null} when there are none to show
	 */
	public void setAccessDenials(@Nullable KafkaAccessDenials accessDenials) {
		this.accessDenials = accessDenials;
	}

	@ReadOperation
	public DictameshDescriptor summary() {
		LagDescriptor lag = lag();
		List<HandlerDescriptor> handlers = new ArrayList<>();
		List<GroupDescriptor> groups = new ArrayList<>();
		Set<String> topics = new TreeSet<>();
		this.containers.getHandlers().forEach((group, groupHandlers) -> {
			for (EventHandlerMethod handler : groupHandlers) {
				handlers.add(new HandlerDescriptor(handler.id(), group, handler.eventTypes(),
						new TreeSet<>(handler.consumedTopics()), handler.isBatch(), handler.isIdempotent()));
			}
			MessageListenerContainer container = this.containers.getContainers().get(group);
			List<String> groupTopics = List.of(container.getContainerProperties().getTopics());
			topics.addAll(groupTopics);
			List<String> assigned = (container.getAssignedPartitions() != null) ? container.getAssignedPartitions()
				.stream()
				.map((partition) -> partition.topic() + "-" + partition.partition())
				.sorted()
				.toList() : List.of();
			Long groupLag = lag.available() ? lag.partitions()
				.stream()
				.filter((partition) -> partition.group().equals(group))
				.mapToLong(ConsumerLag.PartitionLag::lag)
				.sum() : null;
			groups.add(new GroupDescriptor(group, stateOf(container), groupTopics,
					groupHandlers.stream().map(EventHandlerMethod::id).toList(), assigned, groupLag));
		});
		List<TopicRecords> deadLetters = deadLetterTopics().stream().map(this::records).toList();
		List<Map<String, Object>> accessDenied = (this.accessDenials != null)
				? this.accessDenials.current().stream().map(KafkaAccessDenials.Denial::toDetails).toList() : List.of();
		return new DictameshDescriptor(handlers, List.copyOf(topics), groups, deadLetters,
				records(this.redriver.getParkingTopic()), lag, outbox(), accessDenied);
	}

	private LagDescriptor lag() {
		if (this.lagReader == null) {
			return new LagDescriptor(false, "Consumer lag is measured with Actuator's health support "
					+ "(spring-boot-health) and dictamesh.events.health.enabled.", null, 0, List.of());
		}
		Snapshot<ConsumerLag> snapshot = this.lagReader.snapshot();
		if (snapshot == null) {
			return new LagDescriptor(false, "Consumer lag has not been measured yet.", null, 0, List.of());
		}
		ConsumerLag value = snapshot.value();
		if (value == null) {
			return new LagDescriptor(false, snapshot.error(), snapshot.takenAt(), 0, List.of());
		}
		return new LagDescriptor(true, null, snapshot.takenAt(), value.total(), value.partitions());
	}

	private OutboxDescriptor outbox() {
		if (this.outboxReader == null) {
			return new OutboxDescriptor(false, "The outbox backlog is measured when the application has an outbox "
					+ "and Actuator's health support (spring-boot-health).", null, 0, null);
		}
		Snapshot<OutboxBacklog> snapshot = this.outboxReader.snapshot();
		if (snapshot == null) {
			return new OutboxDescriptor(false, "The outbox backlog has not been measured yet.", null, 0, null);
		}
		OutboxBacklog value = snapshot.value();
		if (value == null) {
			return new OutboxDescriptor(false, snapshot.error(), snapshot.takenAt(), 0, null);
		}
		return new OutboxDescriptor(true, null, snapshot.takenAt(), value.pending(),
				(value.oldestCreatedAt() != null) ? value.oldestAge(snapshot.takenAt()) : null);
	}

	private static String stateOf(MessageListenerContainer container) {
		if (!container.isRunning()) {
			return "stopped";
		}
		return (container.isContainerPaused() || container.isPauseRequested()) ? "paused" : "running";
	}

	private TopicRecords records(String topic) {
		try {
			long count = this.browser.count(topic);
			return new TopicRecords(topic, count >= 0, Math.max(count, 0), null);
		}
		catch (KafkaException ex) {
			// A cluster that refuses access or does not answer is a figure the summary
			// cannot show, not a failure of the endpoint.
			return new TopicRecords(topic, false, 0, describe(ex));
		}
	}

	private String describe(KafkaException ex) {
		return (this.accessDenials != null)
				? this.accessDenials.describe("the dictamesh endpoint", KafkaAccessDenials.Role.CONSUMER, ex)
				: String.valueOf(NestedExceptionUtils.getMostSpecificCause(ex));
	}

	private Set<String> deadLetterTopics() {
		Set<String> deadLetterTopics = new LinkedHashSet<>();
		this.containers.getContainers()
			.values()
			.forEach((container) -> List.of(container.getContainerProperties().getTopics())
				.forEach((topic) -> deadLetterTopics.add(this.topicResolver.deadLetterTopicFor(topic))));
		return deadLetterTopics;
	}

	@ReadOperation
	public WebEndpointResponse<Object> section(@Selector String section, @Nullable Integer limit,
			@Nullable String topic, @Nullable Integer partition, @Nullable Long fromOffset, @Nullable Long toOffset) {
		if (!"dead-letters".equals(section)) {
			return refusal(WebEndpointResponse.STATUS_NOT_FOUND,
					"No section '" + section + "': GET dead-letters, POST redrive or replay.");
		}
		int max = (limit != null) ? limit : DEFAULT_LIMIT;
		if (max < 1 || max > MAX_LIMIT) {
			return refusal(WebEndpointResponse.STATUS_BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT + ".");
		}
		Set<String> topics = (topic != null) ? Set.of(topic) : deadLetterTopics();
		List<DeadLetter> deadLetters = new ArrayList<>();
		try {
			for (String deadLetterTopic : topics) {
				if (fromOffset != null || toOffset != null) {
					deadLetters.addAll(this.browser.range(deadLetterTopic, partition,
							(fromOffset != null) ? fromOffset : 0, (toOffset != null) ? toOffset : Long.MAX_VALUE));
				}
				else {
					deadLetters.addAll(this.browser.newest(deadLetterTopic, max));
				}
			}
		}
		catch (KafkaException ex) {
			return refusal(STATUS_UNAVAILABLE, "The dead-letter topics cannot be read: " + describe(ex));
		}
		if (fromOffset == null && toOffset == null) {
			deadLetters.sort(Comparator.comparing(DeadLetter::timestamp).reversed());
		}
		return new WebEndpointResponse<>(
				new DeadLettersDescriptor(deadLetters.stream().limit(max).toList(), deadLetters.size() > max));
	}

	@WriteOperation
	public WebEndpointResponse<Object> operate(@Selector String operation, @Nullable String eventIds,
			@Nullable String topic, @Nullable Integer partition, @Nullable Long fromOffset, @Nullable Long toOffset,
			@Nullable Boolean all, @Nullable String group, @Nullable String timestamp) {
		if (!this.writeOperationsEnabled) {
			return refusal(STATUS_FORBIDDEN, "Write operations of the dictamesh endpoint are off: set "
					+ WRITE_OPERATIONS_PROPERTY + "=true, and protect them with Spring Security first.");
		}
		return switch (operation) {
			case "redrive" -> redrive(eventIds, topic, partition, fromOffset, toOffset, all);
			case "replay" -> replay(group, topic, timestamp);
			default -> refusal(WebEndpointResponse.STATUS_NOT_FOUND,
					"No operation '" + operation + "': POST redrive or replay.");
		};
	}

	private WebEndpointResponse<Object> redrive(@Nullable String eventIds, @Nullable String topic,
			@Nullable Integer partition, @Nullable Long fromOffset, @Nullable Long toOffset, @Nullable Boolean all) {
		// Actuator reads a write operation's body as a map of strings: the ids come
		// separated by commas.
		Set<String> ids = (eventIds != null) ? StringUtils.commaDelimitedListToSet(eventIds)
			.stream()
			.map(String::trim)
			.filter(StringUtils::hasText)
			.collect(Collectors.toCollection(LinkedHashSet::new)) : Set.of();
		boolean byEvents = !ids.isEmpty();
		boolean byRange = topic != null && (fromOffset != null || toOffset != null);
		if (!byEvents && !byRange && !Boolean.TRUE.equals(all)) {
			return refusal(WebEndpointResponse.STATUS_BAD_REQUEST,
					"Choose what to redrive: eventIds, or topic with fromOffset and/or toOffset (and partition), "
							+ "or all=true.");
		}
		if (topic != null && !deadLetterTopics().contains(topic)) {
			return refusal(WebEndpointResponse.STATUS_BAD_REQUEST,
					"'" + topic + "' is not a dead-letter topic of this application: " + deadLetterTopics() + ".");
		}
		Selection selection = new Selection(ids, topic, partition, fromOffset, toOffset);
		RedriveResult result = this.redriver.redrive(deadLetterTopics(), selection);
		if (this.deadLetterMonitor != null && (!result.redriven().isEmpty() || !result.parked().isEmpty())) {
			// The dead letters indicator counts what arrived since the last redrive.
			this.deadLetterMonitor.reset();
		}
		return new WebEndpointResponse<>(result);
	}

	private WebEndpointResponse<Object> replay(@Nullable String group, @Nullable String topic,
			@Nullable String timestamp) {
		if (group == null || topic == null || timestamp == null) {
			return refusal(WebEndpointResponse.STATUS_BAD_REQUEST,
					"A replay needs group, topic and timestamp (ISO-8601, e.g. 2026-11-25T10:00:00Z).");
		}
		Instant from;
		try {
			from = Instant.parse(timestamp);
		}
		catch (DateTimeParseException ex) {
			return refusal(WebEndpointResponse.STATUS_BAD_REQUEST,
					"timestamp '" + timestamp + "' is not an ISO-8601 instant such as 2026-11-25T10:00:00Z.");
		}
		try {
			ReplayResult result = this.replayer.replay(group, topic, from);
			return new WebEndpointResponse<>(result);
		}
		catch (ReplayRefusedException ex) {
			return refusal(STATUS_CONFLICT, ex.getMessage());
		}
	}

	private static WebEndpointResponse<Object> refusal(int status, String reason) {
		return new WebEndpointResponse<>(new Refusal(reason), status);
	}

	/**
	 * The summary of the endpoint.
	 *
	 * @param handlers the handler methods
	 * @param topics the topics the handlers consume
	 * @param groups the consumer groups of the handlers
	 * @param deadLetters the dead-letter topics of the consumed topics
	 * @param parking the topic of records redriven too often
	 * @param lag the consumer lag of the groups
	 * @param outbox the outbox backlog
	 * @param accessDenied what the cluster refuses the starter's clients now, with the
	 * missing ACLs and their fixes
	 */
	public record DictameshDescriptor(List<HandlerDescriptor> handlers, List<String> topics,
			List<GroupDescriptor> groups, List<TopicRecords> deadLetters, TopicRecords parking, LagDescriptor lag,
			OutboxDescriptor outbox, List<Map<String, Object>> accessDenied) {

	}

	/**
	 * A handler method.
	 *
	 * @param id the handler id
	 * @param group the consumer group
	 * @param eventTypes the event types or patterns it takes
	 * @param topics the topics it consumes
	 * @param batch whether it takes a batch of events
	 * @param idempotent whether it skips events it processed before
	 */
	public record HandlerDescriptor(String id, String group, List<String> eventTypes, Set<String> topics, boolean batch,
			boolean idempotent) {

	}

	/**
	 * A consumer group of handlers and its container in this application.
	 *
	 * @param group the group id
	 * @param state {@code running}, {@code paused} or {@code stopped}
	 * @param topics the topics it consumes
	 * @param handlers the ids of its handlers
	 * @param assignedPartitions the partitions assigned to this application
	 * @param lag the group's total lag, {@code null} when it is not measured
	 */
	public record GroupDescriptor(String group, String state, List<String> topics, List<String> handlers,
			List<String> assignedPartitions, @Nullable Long lag) {

	}

	/**
	 * The records a topic holds.
	 *
	 * @param topic the topic
	 * @param exists whether the topic exists
	 * @param records the end offsets minus the beginning offsets over its partitions
	 * @param error why the topic could not be read, {@code null} when it was
	 */
	public record TopicRecords(String topic, boolean exists, long records, @Nullable String error) {

	}

	/**
	 * The consumer lag of the groups, as last measured in the background.
	 *
	 * @param available whether the figures are available
	 * @param note why they are not
	 * @param measuredAt when they were measured
	 * @param total the lag of all partitions
	 * @param partitions the lag per group, topic and partition
	 */
	public record LagDescriptor(boolean available, @Nullable String note, @Nullable Instant measuredAt, long total,
			List<ConsumerLag.PartitionLag> partitions) {

	}

	/**
	 * The backlog of the outbox, as last measured in the background.
	 *
	 * @param available whether the figures are available
	 * @param note why they are not
	 * @param measuredAt when they were measured
	 * @param pending the rows waiting for the relay
	 * @param oldestAge how long the oldest of them has waited, {@code null} without any
	 */
	public record OutboxDescriptor(boolean available, @Nullable String note, @Nullable Instant measuredAt, long pending,
			@Nullable Duration oldestAge) {

	}

	/**
	 * Dead letters read.
	 *
	 * @param deadLetters the dead letters
	 * @param truncated whether there were more than the limit
	 */
	public record DeadLettersDescriptor(List<DeadLetter> deadLetters, boolean truncated) {

	}

	/**
	 * A request that was not carried out.
	 *
	 * @param refused the reason
	 */
	public record Refusal(String refused) {

	}

}
