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
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A product as the products adapter publishes it in the {@code data} of its events.
 *
 * @param id the product id (a UUID)
 * @param sku the stock keeping unit
 * @param name the name
 * @param description the description
 * @param category the category
 * @param brand the brand
 * @param price the price
 * @param currency the ISO 4217 code of the price's currency
 * @param stock the units in stock
 * @param tags the tags
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Product(@Nullable String id, @Nullable String sku, @Nullable String name, @Nullable String description,
		@Nullable String category, @Nullable String brand, @Nullable BigDecimal price, @Nullable String currency,
		@Nullable Integer stock, @Nullable List<String> tags) {

	public Product {
		tags = (tags != null) ? tags.stream().filter(Objects::nonNull).toList() : List.of();
	}

	/**
	 * Return this product with the given id, the key of its document.
	 * @param id the id
	 * @return the product
	 */
	Product withId(String id) {
		return new Product(id, this.sku, this.name, this.description, this.category, this.brand, this.price,
				this.currency, this.stock, this.tags);
	}

}
