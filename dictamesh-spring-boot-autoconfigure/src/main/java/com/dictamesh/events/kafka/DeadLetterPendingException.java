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

/**
 * Thrown, instead of calling the handlers again, at the delivery of a record whose
 * handlers failed and whose dead letter could not be published: the error handler sends
 * the dead letter again after a pause. The handler's failure is a field, not the cause,
 * so that its classification (not retryable, say) does not skip the pause.
 */
class DeadLetterPendingException extends RuntimeException {

	private final Exception failure;

	DeadLetterPendingException(Exception failure) {
		super("The dead letter of this record is not published yet (the handler failed with: " + failure + ")");
		this.failure = failure;
	}

	Exception getFailure() {
		return this.failure;
	}

}
