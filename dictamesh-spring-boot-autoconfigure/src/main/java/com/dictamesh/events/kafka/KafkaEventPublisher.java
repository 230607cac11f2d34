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

package com.dictamesh.events.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import com.dictamesh.events.EventEnricher;
import com.dictamesh.events.EventMdc;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.PublishResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;

/**
 * {@link EventPublisher} that sends each event as one Kafka record through a
 * {@link KafkaOperations} of byte arrays.
 */
public class KafkaEventPublisher implements EventPublisher {

	private static final Log logger = LogFactory.getLog(KafkaEventPublisher.class);

	private final KafkaOperations<byte[], byte[]> kafka;

	private final EventSerializer serializer;

	private final TopicResolver topicResolver;

	private final List<EventEnricher> enrichers;

	private EventPublishListener listener = (event, topic, latency, failure) -> {
	};

	/**
	 * Create a publisher.
	 * @param kafka the Kafka operations sending byte arrays
	 * @param serializer the serializer of record values
	 * @param topicResolver the resolver of topics
	 * @param enrichers the enrichers applied, in order, before publishing
	 */
	public KafkaEventPublisher(KafkaOperations<byte[], byte[]> kafka, EventSerializer serializer,
			TopicResolver topicResolver, List<EventEnricher> enrichers) {
		this.kafka = kafka;
		this.serializer = serializer;
		this.topicResolver = topicResolver;
		this.enrichers = List.copyOf(enrichers);
	}

	/**
	 * Set the listener told of each event's outcome and latency.
	 * @param listener the listener
	 */
	public void setListener(EventPublishListener listener) {
		this.listener = listener;
	}

	@Override
	public CompletableFuture<PublishResult> publish(Event event) {
		long start = System.nanoTime();
		Event enriched = enrich(event);
		try (EventContext.Scope mdc = EventMdc.publishing(enriched)) {
			return send(enriched, start);
		}
	}

	private CompletableFuture<PublishResult> send(Event enriched, long start) {
		String topic = this.topicResolver.topicFor(enriched);
		String key = enriched.partitionKey();
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null,
				(key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, this.serializer.serialize(topic, enriched),
				EventHeaders.of(enriched, this.serializer.contentType()));
		CompletableFuture<PublishResult> result;
		try {
			result = this.kafka.send(record).thenApply((sent) -> toResult(enriched, key, sent.getRecordMetadata()));
		}
		catch (RuntimeException ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		return result.whenComplete((sent, ex) -> {
			this.listener.published(enriched, topic, Duration.ofNanos(System.nanoTime() - start), ex);
			if (ex != null) {
				logger.warn("Failed to publish event " + enriched.eventId() + " of type " + enriched.eventType()
						+ " to " + topic + ": " + NestedExceptionUtils.getMostSpecificCause(ex));
			}
		});
	}

	private Event enrich(Event event) {
		Event enriched = event;
		for (EventEnricher enricher : this.enrichers) {
			enriched = enricher.enrich(enriched);
		}
		return enriched;
	}

	private PublishResult toResult(Event event, String key, RecordMetadata metadata) {
		return new PublishResult(event, metadata.topic(), metadata.partition(), metadata.offset(), key,
				Instant.ofEpochMilli(metadata.timestamp()));
	}

}
