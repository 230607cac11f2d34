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

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration properties of the search indexer.
 *
 * @param groupId Kafka consumer group of the indexer. Each instance keeps a whole index
 * of its own on local disk, so it needs a group of its own: instances that shared one
 * would split the partitions and each index only part of the products.
 * @param index the Lucene index
 */
@ConfigurationProperties("search")
public record SearchProperties(@DefaultValue(SearchProperties.DEFAULT_GROUP_ID) String groupId,
		@DefaultValue Index index) {

	/**
	 * The consumer group of an indexer that sets none.
	 */
	public static final String DEFAULT_GROUP_ID = "search-indexer";

	/**
	 * The Lucene index.
	 *
	 * @param path Directory of the index files, relative to the working directory unless
	 * absolute. One process at a time can open it.
	 */
	public record Index(@DefaultValue("data/search-index") Path path) {

	}

}
