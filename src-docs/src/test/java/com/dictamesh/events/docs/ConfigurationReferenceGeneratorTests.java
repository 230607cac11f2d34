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

package com.dictamesh.events.docs;

import java.util.List;

import com.dictamesh.events.docs.ConfigurationReferenceGenerator.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The configuration reference lists the starter's properties from the metadata and
 * refuses properties without a description.
 */
class ConfigurationReferenceGeneratorTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void listsTheStartersPropertiesSortedWithTypeAndDefault() {
		List<Property> properties = ConfigurationReferenceGenerator.properties(List.of(metadata("""
				{"properties": [
				  {"name": "dictamesh.events.topics.partitions", "type": "java.lang.Integer",
				   "description": "Number of partitions.", "defaultValue": 12},
				  {"name": "spring.kafka.bootstrap-servers", "type": "java.util.List<java.lang.String>"},
				  {"name": "dictamesh.events.source", "type": "java.lang.String", "description": "Source."}
				]}""")));
		assertThat(properties).extracting(Property::name)
			.containsExactly("dictamesh.events.source", "dictamesh.events.topics.partitions");
		String table = ConfigurationReferenceGenerator.table(properties);
		assertThat(table).contains("|[[dictamesh.events.topics.partitions]]`dictamesh.events.topics.partitions`\n"
				+ "|`pass:c[Integer]`\n|`pass:c[12]`\n|pass:c[Number of partitions.]\n");
		assertThat(table).doesNotContain("spring.kafka");
	}

	@Test
	void failsOnAPropertyWithoutDescription() {
		List<JsonNode> metadata = List.of(metadata("""
				{"properties": [{"name": "dictamesh.events.undocumented", "type": "java.lang.String"}]}"""));
		assertThatIllegalStateException().isThrownBy(() -> ConfigurationReferenceGenerator.properties(metadata))
			.withMessageContaining("dictamesh.events.undocumented");
	}

	@Test
	void failsWhenNoMetadataHasTheStartersProperties() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConfigurationReferenceGenerator.properties(List.of(metadata("{\"properties\": []}"))));
	}

	@Test
	void writesEnumValuesAsTheyAreBoundAndOtherTypesBySimpleName() {
		assertThat(ConfigurationReferenceGenerator.type("com.dictamesh.events.kafka.TopicNaming"))
			.isEqualTo("category | per-type");
		assertThat(
				ConfigurationReferenceGenerator.type("java.util.List<java.lang.Class<? extends java.lang.Exception>>"))
			.isEqualTo("List<Class<? extends Exception>>");
	}

	@Test
	void keepsDescriptionsFromBreakingTheTable() {
		String table = ConfigurationReferenceGenerator.table(
				List.of(new Property("dictamesh.x", "java.lang.String", "Pipe | and routes[order.*]={prefix}", null)));
		assertThat(table).contains("|pass:c[Pipe \\| and routes[order.*\\]={prefix}]");
	}

	private JsonNode metadata(String text) {
		return this.json.readTree(text);
	}

}
