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

import org.jspecify.annotations.Nullable;

/**
 * The schema registry's wire format, shared with Confluent's serializers: byte 0 is the
 * magic byte {@code 0x00}, bytes 1 to 4 the schema id (big-endian), then the Avro binary
 * encoding of the value.
 */
public final class AvroWireFormat {

	/**
	 * The first byte of every value.
	 */
	public static final byte MAGIC_BYTE = 0x00;

	/**
	 * The length of the magic byte and the schema id.
	 */
	public static final int HEADER_LENGTH = 5;

	private AvroWireFormat() {
	}

	/**
	 * Return the header of a value written with a schema id.
	 * @param schemaId the schema id
	 * @return the five header bytes
	 */
	public static byte[] header(int schemaId) {
		return new byte[] { MAGIC_BYTE, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8),
				(byte) schemaId };
	}

	/**
	 * Say why a value is not in the wire format.
	 * @param value a record's key or value
	 * @return the reason, or {@code null} when it starts with the magic byte and an id
	 */
	public static @Nullable String problem(byte[] value) {
		if (value.length == 0) {
			return "it is empty";
		}
		if (value[0] != MAGIC_BYTE) {
			return String.format("byte 0 is 0x%02x, not the magic byte 0x00", value[0]);
		}
		if (value.length < HEADER_LENGTH) {
			return "it is " + value.length + " bytes long, shorter than the 5-byte header";
		}
		return null;
	}

	/**
	 * Return the schema id of a value.
	 * @param value a value in the wire format
	 * @return the schema id
	 * @throws IllegalArgumentException if the value is not in the wire format
	 */
	public static int schemaId(byte[] value) {
		String problem = problem(value);
		if (problem != null) {
			throw new IllegalArgumentException("Not in the schema registry's wire format: " + problem);
		}
		return ((value[1] & 0xff) << 24) | ((value[2] & 0xff) << 16) | ((value[3] & 0xff) << 8) | (value[4] & 0xff);
	}

}
