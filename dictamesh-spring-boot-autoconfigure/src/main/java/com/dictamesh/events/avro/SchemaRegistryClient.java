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

import org.apache.avro.Schema;

/**
 * The operations of a Confluent-compatible schema registry that Avro serialization needs.
 * Failures are {@link SchemaRegistryException}s carrying the registry's error code and
 * message.
 *
 * @see HttpSchemaRegistryClient
 * @see CachingSchemaRegistryClient
 * @see MockSchemaRegistry
 */
public interface SchemaRegistryClient {

	/**
	 * Register a schema under a subject, or find it if it is registered already
	 * ({@code POST /subjects/{subject}/versions}).
	 * @param subject the subject
	 * @param schema the schema
	 * @return the schema's id
	 * @throws SchemaRegistryException with error code 409 when the schema is not
	 * compatible with the subject's earlier versions
	 */
	int register(String subject, Schema schema);

	/**
	 * Return the id of a schema registered under a subject, without registering it
	 * ({@code POST /subjects/{subject}}).
	 * @param subject the subject
	 * @param schema the schema
	 * @return the schema's id
	 * @throws SchemaRegistryException with a 404 status when the schema is not registered
	 * under the subject
	 */
	int getId(String subject, Schema schema);

	/**
	 * Return the schema with an id ({@code GET /schemas/ids/{id}}).
	 * @param id the id
	 * @return the schema
	 * @throws SchemaRegistryException with error code 40403 when the id is unknown
	 */
	Schema getSchemaById(int id);

	/**
	 * Return the latest version registered under a subject ({@code GET
	 * /subjects/{subject}/versions/latest}).
	 * @param subject the subject
	 * @return the latest version
	 * @throws SchemaRegistryException with error code 40401 when the subject is unknown
	 */
	RegisteredSchema getLatestSchema(String subject);

	/**
	 * Check a schema against a version of a subject under the subject's compatibility
	 * level ({@code POST /compatibility/subjects/{subject}/versions/{version}}).
	 * @param subject the subject
	 * @param version a version number or {@code latest}
	 * @param schema the schema
	 * @return the registry's answer
	 */
	CompatibilityCheck testCompatibility(String subject, String version, Schema schema);

	/**
	 * Set a subject's compatibility level ({@code PUT /config/{subject}}).
	 * @param subject the subject
	 * @param level the level
	 */
	void updateCompatibility(String subject, CompatibilityLevel level);

}
