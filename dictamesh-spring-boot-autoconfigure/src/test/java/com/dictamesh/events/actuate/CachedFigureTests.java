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
package com.dictamesh.events.actuate;

import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import com.dictamesh.events.kafka.KafkaAccessDenials;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CachedFigure}.
 */
class CachedFigureTests {

	// What an admin client fails with when the brokers want a client certificate and
	// the application has none (TLS 1.3: the refusal comes after the handshake).
	private static final Exception REFUSED_HANDSHAKE = new SslAuthenticationException(
			"Failed to process post-handshake messages",
			new SSLHandshakeException("Received fatal alert: bad_certificate"));

	private final FailingFigure figure = new FailingFigure(REFUSED_HANDSHAKE);

	@AfterEach
	void stopFigure() {
		this.figure.stop();
	}

	@Test
	void failedRefreshIsDescribedByItsMostSpecificCauseByDefault() {
		Snapshot<String> snapshot = this.figure.refresh();
		assertThat(snapshot.value()).isNull();
		assertThat(snapshot.error()).isEqualTo("SSLHandshakeException: Received fatal alert: bad_certificate");
	}

	@Test
	void describerSeesTheFailureWithItsCausesNotOnlyTheLowestOne() {
		this.figure.setFailureDescriber((failure) -> KafkaAccessDenials.explain("the health check",
				KafkaAccessDenials.Role.ADMIN, failure, "User:orders"));
		assertThat(this.figure.refresh().error())
			.startsWith("Kafka refused to authenticate the health check as User:orders (SslAuthenticationException: "
					+ "Failed to process post-handshake messages). Check spring.kafka.ssl.*");
	}

	static class FailingFigure extends CachedFigure<String> {

		private final Exception failure;

		FailingFigure(Exception failure) {
			super("failing", Duration.ofSeconds(30), Duration.ofSeconds(5), Clock.systemUTC());
			this.failure = failure;
		}

		@Override
		protected String compute() throws Exception {
			throw this.failure;
		}

	}

}
