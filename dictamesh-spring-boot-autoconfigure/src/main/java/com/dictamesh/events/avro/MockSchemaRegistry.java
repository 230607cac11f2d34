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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * An in-memory schema registry for tests, what {@code schema.registry.url=mock://scope}
 * selects: every serializer and deserializer configured with the same scope shares one
 * registry. Ids are numbered from 1 across subjects, an identical schema keeps its id
 * under any subject, and compatibility is checked with Avro's {@link SchemaCompatibility}
 * under each subject's level ({@link CompatibilityLevel#BACKWARD} unless set). Errors
 * carry the error codes of a real registry.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

	private static final Map<String, MockSchemaRegistry> scopes = new ConcurrentHashMap<>();

	private final String scope;

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

	private final Map<String, CompatibilityLevel> levels = new HashMap<>();

	private int lastId;

	private MockSchemaRegistry(String scope) {
		this.scope = scope;
	}

	/**
	 * Return the registry of a scope, created empty on first use.
	 * @param scope the scope, the part of {@code mock://scope} after the scheme
	 * @return the scope's registry
	 */
	public static MockSchemaRegistry forScope(String scope) {
		return scopes.computeIfAbsent(scope, MockSchemaRegistry::new);
	}

	/**
	 * Forget a scope's registry, so that its next use starts empty.
	 * @param scope the scope
	 */
	public static void dropScope(String scope) {
		scopes.remove(scope);
	}

	@Override
	public synchronized int register(String subject, Schema schema) {
		List<Integer> versions = this.versionsBySubject.computeIfAbsent(subject, (key) -> new ArrayList<>());
		for (int id : versions) {
			if (this.schemasById.get(id).equals(schema)) {
				return id;
			}
		}
		List<String> reasons = incompatibilities(subject, versions, versions.size(), schema);
		if (!reasons.isEmpty()) {
			throw new SchemaRegistryException(
					"Schema being registered is incompatible with an earlier schema for subject '" + subject + "': "
							+ String.join("; ", reasons),
					409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
					"Schema being registered is incompatible with an earlier schema for subject \"" + subject
							+ "\", details: " + reasons);
		}
		int id = idOf(schema);
		versions.add(id);
		return id;
	}

	/**
	 * Register a schema under a subject with a given id, as a registry in import mode
	 * does, without a compatibility check. For tests that need known ids.
	 * @param subject the subject
	 * @param schema the schema
	 * @param id the id
	 * @return the id
	 * @throws IllegalStateException if the id belongs to another schema
	 */
	public synchronized int register(String subject, Schema schema, int id) {
		Schema known = this.schemasById.putIfAbsent(id, schema);
		if (known != null && !known.equals(schema)) {
			throw new IllegalStateException("Id " + id + " is already the id of " + known.getFullName());
		}
		this.lastId = Math.max(this.lastId, id);
		List<Integer> versions = this.versionsBySubject.computeIfAbsent(subject, (key) -> new ArrayList<>());
		if (!versions.contains(id)) {
			versions.add(id);
		}
		return id;
	}

	private int idOf(Schema schema) {
		for (Map.Entry<Integer, Schema> entry : this.schemasById.entrySet()) {
			if (entry.getValue().equals(schema)) {
				return entry.getKey();
			}
		}
		int id = ++this.lastId;
		this.schemasById.put(id, schema);
		return id;
	}

	@Override
	public synchronized int getId(String subject, Schema schema) {
		for (int id : versions(subject)) {
			if (this.schemasById.get(id).equals(schema)) {
				return id;
			}
		}
		throw new SchemaRegistryException("Schema not found under subject '" + subject + "'", 404,
				SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
	}

	@Override
	public synchronized Schema getSchemaById(int id) {
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			throw new SchemaRegistryException("Schema " + id + " not found", 404,
					SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
		}
		return schema;
	}

	@Override
	public synchronized RegisteredSchema getLatestSchema(String subject) {
		List<Integer> versions = versions(subject);
		int id = versions.get(versions.size() - 1);
		return new RegisteredSchema(subject, id, versions.size(), this.schemasById.get(id));
	}

	@Override
	public synchronized CompatibilityCheck testCompatibility(String subject, String version, Schema schema) {
		List<Integer> versions = versions(subject);
		int upTo = versions.size();
		if (!"latest".equals(version)) {
			try {
				upTo = Integer.parseInt(version);
			}
			catch (NumberFormatException ex) {
				upTo = 0;
			}
			if (upTo < 1 || upTo > versions.size()) {
				throw new SchemaRegistryException("Version " + version + " not found under subject '" + subject + "'",
						404, SchemaRegistryException.VERSION_NOT_FOUND, "Version " + version + " not found.");
			}
		}
		List<String> reasons = incompatibilities(subject, versions, upTo, schema);
		return new CompatibilityCheck(subject, version, reasons.isEmpty(), reasons);
	}

	@Override
	public synchronized void updateCompatibility(String subject, CompatibilityLevel level) {
		this.levels.put(subject, level);
	}

	private List<Integer> versions(String subject) {
		List<Integer> versions = this.versionsBySubject.get(subject);
		if (versions == null || versions.isEmpty()) {
			throw new SchemaRegistryException("Subject '" + subject + "' not found", 404,
					SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
		}
		return versions;
	}

	/**
	 * Check a schema against the versions of a subject up to a version (the latest only,
	 * or all for a transitive level).
	 */
	private List<String> incompatibilities(String subject, List<Integer> versions, int upTo, Schema schema) {
		CompatibilityLevel level = this.levels.getOrDefault(subject, CompatibilityLevel.BACKWARD);
		if (level == CompatibilityLevel.NONE || upTo == 0) {
			return List.of();
		}
		List<String> reasons = new ArrayList<>();
		int from = level.transitive() ? 0 : upTo - 1;
		for (int index = from; index < upTo; index++) {
			Schema existing = this.schemasById.get(versions.get(index));
			String against = "version " + (index + 1);
			if (level.backward()) {
				reasons.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(schema, existing),
						"the new schema cannot read data written with " + against));
			}
			if (level.forward()) {
				reasons.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, schema),
						against + " cannot read data written with the new schema"));
			}
		}
		return reasons;
	}

	private static List<String> describe(SchemaPairCompatibility compatibility, String what) {
		if (compatibility.getType() == SchemaCompatibilityType.COMPATIBLE) {
			return List.of();
		}
		List<String> reasons = new ArrayList<>();
		for (Incompatibility incompatibility : compatibility.getResult().getIncompatibilities()) {
			reasons.add(what + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + " ("
					+ incompatibility.getMessage() + ")");
		}
		if (reasons.isEmpty()) {
			reasons.add(what + ": " + compatibility.getDescription());
		}
		return reasons;
	}

	@Override
	public String toString() {
		return "MockSchemaRegistry[mock://" + this.scope + "]";
	}

}
