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

package com.dictamesh.events.outbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import com.dictamesh.events.EventEnricher;
import com.dictamesh.events.EventMdc;
import com.dictamesh.events.kafka.EventHeaders;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.TopicResolver;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events to the outbox table in the caller's transaction, so that they commit or
 * roll back with the business data; the {@link OutboxRelay} publishes them after the
 * commit, at least once and in commit order per key.
 */
public class OutboxEventPublisher {

	private final OutboxRepository repository;

	private final EventSerializer serializer;

	private final TopicResolver topicResolver;

	private final List<EventEnricher> enrichers;

	private final List<OutboxHeaderContributor> headerContributors;

	private final JsonMapper jsonMapper;

	private final int buckets;

	private final @Nullable TransactionOperations ownTransaction;

	private final TransactionSynchronization wakeUpRelay;

	private final @Nullable TransactionSynchronization notifyRelays;

	/**
	 * Create a publisher.
	 * @param repository the outbox repository
	 * @param serializer the serializer of record values
	 * @param topicResolver the resolver of topics
	 * @param enrichers the enrichers applied, in order, before writing
	 * @param headerContributors contributors of headers captured at write time, such as
	 * the trace context
	 * @param jsonMapper the mapper that writes the headers column
	 * @param buckets the number of key buckets the relay leases
	 * @param ownTransaction the transaction to write in when the caller has none, or
	 * {@code null} to require the caller's
	 * @param relay the relay woken after a commit that wrote rows, or {@code null}
	 * @param notifyRelays whether to tell the relays of other instances, through the
	 * database, of a commit that wrote rows (PostgreSQL {@code NOTIFY})
	 */
	public OutboxEventPublisher(OutboxRepository repository, EventSerializer serializer, TopicResolver topicResolver,
			List<EventEnricher> enrichers, List<OutboxHeaderContributor> headerContributors, JsonMapper jsonMapper,
			int buckets, @Nullable TransactionOperations ownTransaction, @Nullable OutboxRelay relay,
			boolean notifyRelays) {
		this.repository = repository;
		this.serializer = serializer;
		this.topicResolver = topicResolver;
		this.enrichers = List.copyOf(enrichers);
		this.headerContributors = List.copyOf(headerContributors);
		this.jsonMapper = jsonMapper;
		this.buckets = buckets;
		this.ownTransaction = ownTransaction;
		this.wakeUpRelay = new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				if (relay != null) {
					relay.committed();
				}
			}

		};
		this.notifyRelays = notifyRelays ? new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				// A lone instance that publishes every bucket has no one to tell.
				if (relay == null || !relay.ownsAllBuckets()) {
					repository.notifyRelays();
				}
			}

		} : null;
	}

	/**
	 * Write an event to the outbox in the current transaction.
	 * @param event the event
	 * @return the event as written, with the values the publisher filled in
	 * @throws IllegalTransactionStateException if there is no transaction and the
	 * publisher requires one
	 */
	public Event publish(Event event) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return write(event);
		}
		if (this.ownTransaction == null) {
			throw new IllegalTransactionStateException("OutboxEventPublisher.publish(" + event.eventType()
					+ ") was called without a transaction, so the event could not commit or roll back with your data. "
					+ "Call it from a @Transactional method (or inside TransactionTemplate), or set "
					+ "dictamesh.events.outbox.transaction-required=false to write each such event in a "
					+ "transaction of its own.");
		}
		return this.ownTransaction.execute((status) -> write(event));
	}

	/**
	 * Write an {@code entity.created} event to the outbox in the current transaction.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @param data the created entity
	 * @return the event as written
	 */
	public Event entityCreated(String entityType, String entityId, @Nullable Object data) {
		return publish(Event.entityCreated(entityType, entityId, data).build());
	}

	/**
	 * Write an {@code entity.updated} event to the outbox in the current transaction.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @param data the entity after the update
	 * @param changedFields the names of the changed fields
	 * @param previousData the changed fields' values before the update
	 * @return the event as written
	 */
	public Event entityUpdated(String entityType, String entityId, @Nullable Object data,
			@Nullable List<String> changedFields, @Nullable Object previousData) {
		return publish(Event.entityUpdated(entityType, entityId, data, changedFields, previousData).build());
	}

	/**
	 * Write an {@code entity.deleted} event to the outbox in the current transaction.
	 * @param entityType the entity type
	 * @param entityId the entity id
	 * @return the event as written
	 */
	public Event entityDeleted(String entityType, String entityId) {
		return publish(Event.entityDeleted(entityType, entityId).build());
	}

	private Event write(Event event) {
		Event enriched = event;
		for (EventEnricher enricher : this.enrichers) {
			enriched = enricher.enrich(enriched);
		}
		try (EventContext.Scope mdc = EventMdc.publishing(enriched)) {
			return insert(enriched);
		}
	}

	private Event insert(Event enriched) {
		String key = enriched.partitionKey();
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : EventHeaders.of(enriched, this.serializer.contentType())) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		for (OutboxHeaderContributor contributor : this.headerContributors) {
			contributor.contribute(enriched, headers);
		}
		String topic = this.topicResolver.topicFor(enriched);
		this.repository.insert(enriched.eventId(), enriched.eventType(), topic, key,
				bucketOf(key, enriched.eventId(), this.buckets), this.serializer.serialize(topic, enriched),
				this.jsonMapper.writeValueAsString(headers));
		List<TransactionSynchronization> registered = TransactionSynchronizationManager.getSynchronizations();
		if (!registered.contains(this.wakeUpRelay)) {
			TransactionSynchronizationManager.registerSynchronization(this.wakeUpRelay);
			if (this.notifyRelays != null) {
				TransactionSynchronizationManager.registerSynchronization(this.notifyRelays);
			}
		}
		return enriched;
	}

	/**
	 * Return the bucket of a record key: rows with the same key share a bucket, and one
	 * relay instance at a time publishes a bucket, in id order.
	 * @param key the record key, or {@code null}
	 * @param eventId the event id, which places rows without a key
	 * @param buckets the number of buckets
	 * @return the bucket
	 */
	static int bucketOf(@Nullable String key, String eventId, int buckets) {
		byte[] bytes = ((key != null) ? key : eventId).getBytes(StandardCharsets.UTF_8);
		return Utils.toPositive(Utils.murmur2(bytes)) % buckets;
	}

}
