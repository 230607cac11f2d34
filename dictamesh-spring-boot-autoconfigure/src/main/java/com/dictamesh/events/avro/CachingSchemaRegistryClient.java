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
package com.dictamesh.events.avro;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SchemaRegistryClient} that remembers ids and schemas both ways, so that once a
 * schema has been registered, looked up or fetched, serializing or deserializing a record
 * with it asks the registry nothing. Ids never change meaning in a registry, so those
 * entries never expire; the latest version of a subject does change, so it is kept for a
 * configurable time ({@code latest.cache.ttl.sec}, for ever by default, as Confluent's
 * client does). Compatibility checks and configuration changes always go to the registry.
 */
public class CachingSchemaRegistryClient implements SchemaRegistryClient {

	private final SchemaRegistryClient registry;

	private final @Nullable Duration latestTimeToLive;

	private final LongSupplier nanoTime;

	private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

	private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

	private final Map<String, Latest> latestBySubject = new ConcurrentHashMap<>();

	/**
	 * Create a client that keeps the latest versions for ever.
	 * @param registry the registry to ask on a miss
	 */
	public CachingSchemaRegistryClient(SchemaRegistryClient registry) {
		this(registry, null);
	}

	/**
	 * Create a client.
	 * @param registry the registry to ask on a miss
	 * @param latestTimeToLive how long a subject's latest version is kept, {@code null}
	 * for ever
	 */
	public CachingSchemaRegistryClient(SchemaRegistryClient registry, @Nullable Duration latestTimeToLive) {
		this(registry, latestTimeToLive, System::nanoTime);
	}

	CachingSchemaRegistryClient(SchemaRegistryClient registry, @Nullable Duration latestTimeToLive,
			LongSupplier nanoTime) {
		this.registry = registry;
		this.latestTimeToLive = latestTimeToLive;
		this.nanoTime = nanoTime;
	}

	@Override
	public int register(String subject, Schema schema) {
		Map<Schema, Integer> ids = this.idsBySubject.computeIfAbsent(subject, (key) -> new ConcurrentHashMap<>());
		Integer id = ids.get(schema);
		if (id == null) {
			id = this.registry.register(subject, schema);
			remember(ids, schema, id);
		}
		return id;
	}

	@Override
	public int getId(String subject, Schema schema) {
		Map<Schema, Integer> ids = this.idsBySubject.computeIfAbsent(subject, (key) -> new ConcurrentHashMap<>());
		Integer id = ids.get(schema);
		if (id == null) {
			id = this.registry.getId(subject, schema);
			remember(ids, schema, id);
		}
		return id;
	}

	private void remember(Map<Schema, Integer> ids, Schema schema, int id) {
		ids.put(schema, id);
		this.schemasById.putIfAbsent(id, schema);
	}

	@Override
	public Schema getSchemaById(int id) {
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			schema = this.registry.getSchemaById(id);
			Schema known = this.schemasById.putIfAbsent(id, schema);
			return (known != null) ? known : schema;
		}
		return schema;
	}

	@Override
	public RegisteredSchema getLatestSchema(String subject) {
		Latest latest = this.latestBySubject.get(subject);
		long now = this.nanoTime.getAsLong();
		if (latest == null || (latest.expiresAt != null && now - latest.expiresAt >= 0)) {
			RegisteredSchema registered = this.registry.getLatestSchema(subject);
			Long expiresAt = (this.latestTimeToLive != null) ? now + this.latestTimeToLive.toNanos() : null;
			latest = new Latest(registered, expiresAt);
			this.latestBySubject.put(subject, latest);
			remember(this.idsBySubject.computeIfAbsent(subject, (key) -> new ConcurrentHashMap<>()),
					registered.schema(), registered.id());
		}
		return latest.schema;
	}

	@Override
	public CompatibilityCheck testCompatibility(String subject, String version, Schema schema) {
		return this.registry.testCompatibility(subject, version, schema);
	}

	@Override
	public void updateCompatibility(String subject, CompatibilityLevel level) {
		this.registry.updateCompatibility(subject, level);
	}

	@Override
	public String toString() {
		return "CachingSchemaRegistryClient[" + this.registry + "]";
	}

	private record Latest(RegisteredSchema schema, @Nullable Long expiresAt) {

	}

}
