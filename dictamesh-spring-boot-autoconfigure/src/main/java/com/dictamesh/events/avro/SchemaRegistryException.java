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
 * A schema registry request that failed: the registry answered with an error, or could
 * not be reached. Carries the registry's HTTP status, error code and message as it sent
 * them.
 */
public class SchemaRegistryException extends RuntimeException {

	/**
	 * The value of {@link #getHttpStatus()} and {@link #getErrorCode()} when no answer
	 * was received.
	 */
	public static final int NO_ANSWER = -1;

	/**
	 * The registry's error code for an unknown subject.
	 */
	public static final int SUBJECT_NOT_FOUND = 40401;

	/**
	 * The registry's error code for an unknown version.
	 */
	public static final int VERSION_NOT_FOUND = 40402;

	/**
	 * The registry's error code for an unknown schema (by id, or under a subject).
	 */
	public static final int SCHEMA_NOT_FOUND = 40403;

	/**
	 * The registry's error code for a schema that is not compatible with the subject's
	 * earlier versions.
	 */
	public static final int INCOMPATIBLE_SCHEMA = 409;

	private final int httpStatus;

	private final int errorCode;

	private final @Nullable String registryMessage;

	private final boolean transientFailure;

	/**
	 * Create an exception for an error the registry answered with.
	 * @param message the description, including the request and the registry's words
	 * @param httpStatus the HTTP status
	 * @param errorCode the registry's {@code error_code}, or the HTTP status when it sent
	 * none
	 * @param registryMessage the registry's {@code message}
	 */
	public SchemaRegistryException(String message, int httpStatus, int errorCode, @Nullable String registryMessage) {
		super(message);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
		this.registryMessage = registryMessage;
		this.transientFailure = httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
	}

	/**
	 * Create an exception for a request without a usable answer: the registry could not
	 * be reached, did not answer in time, or answered something that is not what the API
	 * specifies.
	 * @param message the description
	 * @param cause the cause
	 * @param transientFailure whether the same request may succeed later
	 */
	public SchemaRegistryException(String message, @Nullable Throwable cause, boolean transientFailure) {
		super(message, cause);
		this.httpStatus = NO_ANSWER;
		this.errorCode = NO_ANSWER;
		this.registryMessage = null;
		this.transientFailure = transientFailure;
	}

	/**
	 * Return the HTTP status of the registry's answer.
	 * @return the status, or {@link #NO_ANSWER}
	 */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	/**
	 * Return the registry's {@code error_code}, such as 40403 for an unknown schema.
	 * @return the error code, or {@link #NO_ANSWER}
	 */
	public int getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return the registry's {@code message}.
	 * @return the message, or {@code null} when there was no answer
	 */
	public @Nullable String getRegistryMessage() {
		return this.registryMessage;
	}

	/**
	 * Whether the same request may succeed later: no answer (connection refused, timed
	 * out), or a 5xx, 408 or 429.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		return this.transientFailure;
	}

	/**
	 * Whether the registry answered that what was asked for does not exist (HTTP 404).
	 * @return whether the subject, version or schema is unknown
	 */
	public boolean isNotFound() {
		return this.httpStatus == 404;
	}

}
