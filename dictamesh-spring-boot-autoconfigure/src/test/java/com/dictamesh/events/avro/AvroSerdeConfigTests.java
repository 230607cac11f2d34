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
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading Confluent's configuration keys, and refusing values that are wrong with the key
 * named.
 */
class AvroSerdeConfigTests {

	@Test
	void defaultsAreConfluents() {
		AvroSerdeConfig config = AvroSerdeConfig
			.of(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://registry:8081"));

		assertThat(config.autoRegisterSchemas()).isTrue();
		assertThat(config.useLatestVersion()).isFalse();
		assertThat(config.specificAvroReader()).isFalse();
		assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
		assertThat(config.subjectNameStrategy(true)).isInstanceOf(TopicNameStrategy.class);
		assertThat(config.httpSettings()).isEqualTo(new HttpSchemaRegistryClient.Settings(
				List.of("http://registry:8081"), BasicAuthCredentialsSource.URL, null, Duration.ofSeconds(60),
				Duration.ofSeconds(60), 3, Duration.ofSeconds(1), Duration.ofSeconds(20)));
		assertThat(config.createRegistryClient()).isInstanceOf(CachingSchemaRegistryClient.class);
	}

	@Test
	void valuesAreReadAsStringsOrTypedAndUrlsAsAListOrCommaSeparated() {
		AvroSerdeConfig config = AvroSerdeConfig.of(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
				" http://a:8081, http://b:8081 ", AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "FALSE",
				AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.SPECIFIC_AVRO_READER, "true",
				"schema.registry." + AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, "2500", AvroSerdeConfig.MAX_RETRIES, 0,
				AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, RecordNameStrategy.class));

		assertThat(config.urls()).containsExactly("http://a:8081", "http://b:8081");
		assertThat(config.autoRegisterSchemas()).isFalse();
		assertThat(config.useLatestVersion()).isTrue();
		assertThat(config.specificAvroReader()).isTrue();
		assertThat(config.httpSettings().readTimeout()).isEqualTo(Duration.ofMillis(2500));
		assertThat(config.httpSettings().maxRetries()).isZero();
		assertThat(config.subjectNameStrategy(true)).isInstanceOf(RecordNameStrategy.class);
		assertThat(AvroSerdeConfig
			.of(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, List.of("http://a:8081", "http://b:8081")))
			.urls()).containsExactly("http://a:8081", "http://b:8081");
	}

	@Test
	void mockUrlSelectsTheScopesRegistry() {
		SchemaRegistryClient client = AvroSerdeConfig
			.of(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://config-tests"))
			.createRegistryClient();

		assertThat(client).isSameAs(MockSchemaRegistry.forScope("config-tests"));
		MockSchemaRegistry.dropScope("config-tests");
	}

	@Test
	void wrongValuesAreRefusedWithTheKey() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> AvroSerdeConfig.of(Map.of()).createRegistryClient())
			.withMessageContaining("schema.registry.url");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> AvroSerdeConfig.of(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://a,http://b:8081"))
				.createRegistryClient())
			.withMessageContaining("a mock:// URL cannot be combined with other URLs");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> AvroSerdeConfig.of(Map.of(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT")))
			.withMessageContaining("basic.auth.credentials.source")
			.withMessageContaining("expected URL or USER_INFO");
		assertThatExceptionOfType(ConfigException.class).isThrownBy(
				() -> AvroSerdeConfig.of(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes")).autoRegisterSchemas())
			.withMessageContaining("auto.register.schemas");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> AvroSerdeConfig
				.of(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://a:8081", AvroSerdeConfig.RETRIES_WAIT_MS, "1s"))
				.httpSettings())
			.withMessageContaining("retries.wait.ms");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> AvroSerdeConfig.of(Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, String.class)))
			.withMessageContaining("not a com.dictamesh.events.avro.SubjectNameStrategy");
	}

	@Test
	void userInfoSourceWithoutUserInfoIsRefused() {
		AvroSerdeConfig config = AvroSerdeConfig.of(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://a:8081",
				AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO"));

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(config::createRegistryClient)
			.withMessage("basic.auth.credentials.source is USER_INFO but basic.auth.user.info is not set");
	}

}
