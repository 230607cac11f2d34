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

package com.dictamesh.events.autoconfigure;

import java.util.UUID;

import com.dictamesh.events.avro.AvroEventSerializer;
import com.dictamesh.events.avro.MockSchemaRegistry;
import com.dictamesh.events.avro.SchemaRegistryClient;
import com.dictamesh.events.kafka.EventSerializer;
import com.dictamesh.events.kafka.JsonEventSerializer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.dictamesh.events.autoconfigure.StartupFailures.analyze;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Avro part of {@link DictameshEventsAutoConfiguration}.
 */
class AvroEventsAutoConfigurationTests {

	private final String scope = "avro-autoconfig-" + UUID.randomUUID();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, JacksonAutoConfiguration.class,
				DictameshEventsAutoConfiguration.class))
		.withPropertyValues("spring.application.name=products-adapter", "spring.kafka.admin.auto-create=false",
				"dictamesh.events.consumer.auto-startup=false");

	@AfterEach
	void dropScope() {
		MockSchemaRegistry.dropScope(this.scope);
	}

	@Test
	void writesJsonUnlessAvroIsChosen() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(EventSerializer.class)).isInstanceOf(JsonEventSerializer.class);
			assertThat(context).doesNotHaveBean(SchemaRegistryClient.class);
		});
	}

	@Test
	void writesAvroWithTheRegistryOfTheUrlAndSetsConfiguredCompatibilityLevels() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.serialization.format=avro",
					"dictamesh.events.avro.registry-url=mock://" + this.scope,
					"dictamesh.events.avro.compatibility.dictamesh.entity.changed-value=NONE")
			.run((context) -> {
				assertThat(context).hasSingleBean(EventSerializer.class);
				assertThat(context.getBean(EventSerializer.class)).isInstanceOf(AvroEventSerializer.class);
				assertThat(context.getBean(SchemaRegistryClient.class))
					.isSameAs(MockSchemaRegistry.forScope(this.scope));
				MockSchemaRegistry registry = MockSchemaRegistry.forScope(this.scope);
				registry.register("dictamesh.entity.changed-value", AvroEventSerializer.ENVELOPE_SCHEMA);
				Schema unrelated = new Schema.Parser().parse(
						"{\"type\": \"record\", \"name\": \"Other\", \"fields\": [{\"name\": \"x\", \"type\": \"int\"}]}");
				assertThat(
						registry.testCompatibility("dictamesh.entity.changed-value", "latest", unrelated).compatible())
					.as("anything goes under NONE")
					.isTrue();
				registry.register("control-value", AvroEventSerializer.ENVELOPE_SCHEMA);
				assertThat(registry.testCompatibility("control-value", "latest", unrelated).compatible())
					.as("a subject without a configured level")
					.isFalse();
			});
	}

	@Test
	void refusesToStartWhenTheEnvelopeIsIncompatibleWithItsTopicsSubject() {
		MockSchemaRegistry registry = MockSchemaRegistry.forScope(this.scope);
		// An envelope with a required field the starter's envelope lacks: under FORWARD
		// its readers could not read what the starter writes.
		Schema other = new Schema.Parser().parse("""
				{"type": "record", "name": "Event", "namespace": "com.dictamesh.events.v1", "fields": [
				  {"name": "event_id", "type": "string"},
				  {"name": "tenant", "type": "string"}]}""");
		registry.register("dictamesh.entity.changed-value", other);
		this.contextRunner
			.withPropertyValues("dictamesh.events.serialization.format=avro",
					"dictamesh.events.avro.registry-url=mock://" + this.scope,
					"dictamesh.events.avro.compatibility.dictamesh.entity.changed-value=FORWARD")
			.run((context) -> assertThat(analyze(context)).satisfies((analysis) -> {
				assertThat(analysis.getDescription())
					.contains("not compatible with subject 'dictamesh.entity.changed-value' version 1")
					.contains("mock://" + this.scope)
					.contains("tenant");
				assertThat(analysis.getAction()).contains("dictamesh.events.avro.compatibility.");
			}));
	}

	@Test
	void startsWhenTheEnvelopeIsCompatibleOrItsSubjectIsNew() {
		MockSchemaRegistry registry = MockSchemaRegistry.forScope(this.scope);
		registry.register("dictamesh.entity.changed-value", AvroEventSerializer.ENVELOPE_SCHEMA);
		this.contextRunner
			.withPropertyValues("dictamesh.events.serialization.format=avro",
					"dictamesh.events.avro.registry-url=mock://" + this.scope,
					"dictamesh.events.avro.compatibility.dictamesh.entity.changed-value=FULL_TRANSITIVE")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void refusesToStartWhenTheRegistryCannotBeReachedNamingItsUrlWithoutCredentials() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.serialization.format=avro",
					"dictamesh.events.avro.registry-url=http://alice:s3cret@127.0.0.1:9",
					"dictamesh.events.avro.properties.max.retries=0", "dictamesh.events.avro.connect-timeout=2s")
			.run((context) -> assertThat(analyze(context)).satisfies((analysis) -> {
				assertThat(analysis.getDescription()).contains("in the schema registry at http://127.0.0.1:9")
					.contains("dictamesh.entity.changed-value")
					.doesNotContain("s3cret")
					.doesNotContain("alice");
				assertThat(analysis.getAction()).contains("dictamesh.events.avro.check-compatibility=false");
			}));
	}

	@Test
	void failsFastWhenAvroHasNoRegistryUrl() {
		this.contextRunner.withPropertyValues("dictamesh.events.serialization.format=avro")
			.run((context) -> assertThat(analyze(context)).satisfies((analysis) -> {
				assertThat(analysis.getDescription()).contains("'dictamesh.events.avro.registry-url'")
					.contains("Avro events need a schema registry");
				assertThat(analysis.getAction()).contains("mock://");
			}));
	}

	@Test
	void failsFastWhenAvroIsChosenButNotOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.apache.avro"))
			.withPropertyValues("dictamesh.events.serialization.format=avro",
					"dictamesh.events.avro.registry-url=mock://" + this.scope)
			.run((context) -> {
				assertThat(analyze(context).getDescription())
					.contains("Apache Avro (org.apache.avro:avro) is not on the classpath");
			});
	}

	@Test
	void failsFastWhenUserInfoCredentialsAreMissing() {
		this.contextRunner
			.withPropertyValues("dictamesh.events.serialization.format=avro",
					"dictamesh.events.avro.registry-url=http://registry:8081",
					"dictamesh.events.avro.basic-auth-credentials-source=USER_INFO")
			.run((context) -> assertThat(analyze(context).getDescription())
				.contains("'dictamesh.events.avro.basic-auth-user-info'"));
	}

}
