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
import org.apache.avro.specific.SpecificRecordBase;
import org.jspecify.annotations.Nullable;

/**
 * A hand-written {@code SpecificRecord}, what avro-maven-plugin would generate for
 * version 1 of the customer schema (its name is the class's name, which is how
 * {@code specific.avro.reader} finds it).
 */
// tag::customer[]
public class Customer extends SpecificRecordBase {

	public static final Schema SCHEMA$ = new Schema.Parser().parse("""
			{"type": "record", "name": "Customer", "namespace": "com.dictamesh.events.avro",
			 "fields": [
			   {"name": "id", "type": "string"},
			   {"name": "name", "type": "string"}
			 ]}""");

	// end::customer[]
	private @Nullable String id;

	private @Nullable String name;

	public Customer() {
	}

	public Customer(String id, String name) {
		this.id = id;
		this.name = name;
	}

	public @Nullable String getId() {
		return this.id;
	}

	public @Nullable String getName() {
		return this.name;
	}

	@Override
	public Schema getSchema() {
		return SCHEMA$;
	}

	@Override
	public @Nullable Object get(int field) {
		return switch (field) {
			case 0 -> this.id;
			case 1 -> this.name;
			default -> throw new IndexOutOfBoundsException(field);
		};
	}

	@Override
	public void put(int field, @Nullable Object value) {
		String text = (value != null) ? value.toString() : null;
		switch (field) {
			case 0 -> this.id = text;
			case 1 -> this.name = text;
			default -> throw new IndexOutOfBoundsException(field);
		}
	}

	// tag::customer[]

}
// end::customer[]
