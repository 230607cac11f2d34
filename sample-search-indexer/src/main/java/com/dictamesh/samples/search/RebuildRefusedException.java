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

package com.dictamesh.samples.search;

/**
 * Thrown when the index cannot be rebuilt because Kafka refuses to move the consumer
 * group's offsets, typically because another instance consumes in the group; answered
 * with 409 problem details.
 */
public class RebuildRefusedException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message why the rebuild was refused
	 * @param cause the failure reported by Kafka, if any
	 */
	public RebuildRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception.
	 * @param message why the rebuild was refused
	 */
	public RebuildRefusedException(String message) {
		super(message);
	}

}
