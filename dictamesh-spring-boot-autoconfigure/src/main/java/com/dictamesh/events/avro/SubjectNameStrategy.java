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
 * Names the registry subject a record's schema is registered and looked up under
 * ({@code key.subject.name.strategy}, {@code value.subject.name.strategy}).
 *
 * @see TopicNameStrategy
 * @see RecordNameStrategy
 * @see TopicRecordNameStrategy
 */
@FunctionalInterface
public interface SubjectNameStrategy {

	/**
	 * Return the subject.
	 * @param topic the record's topic
	 * @param isKey whether the schema is the key's
	 * @param schema the schema
	 * @return the subject
	 */
	String subjectName(String topic, boolean isKey, Schema schema);

}
