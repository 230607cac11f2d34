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

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A product found by a search.
 *
 * @param id the product id
 * @param score the relevance of the hit, higher first; {@code null} when all products are
 * listed by name
 * @param sku the stock keeping unit
 * @param name the name
 * @param brand the brand
 * @param category the category
 * @param price the price
 * @param currency the currency of the price
 * @param stock the units in stock
 * @param tags the tags
 * @param description the description
 */
public record SearchHit(String id, @Nullable Float score, @Nullable String sku, @Nullable String name,
		@Nullable String brand, @Nullable String category, @Nullable BigDecimal price, @Nullable String currency,
		@Nullable Integer stock, List<String> tags, @Nullable String description) {

}
