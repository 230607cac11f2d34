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

package com.dictamesh.samples.products;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A product as the API answers it and as the {@code data} of its entity events.
 *
 * @param id the product id
 * @param sku the stock keeping unit
 * @param name the name
 * @param description the description
 * @param category the category
 * @param brand the brand
 * @param price the price
 * @param currency the ISO 4217 currency code
 * @param stock the units in stock
 * @param tags the tags
 */
public record ProductData(UUID id, String sku, String name, String description, String category, String brand,
		BigDecimal price, String currency, int stock, List<String> tags) {

	static ProductData of(Product product) {
		List<String> tags = product.tags().isEmpty() ? List.of() : Arrays.asList(product.tags().split(","));
		return new ProductData(product.id(), product.sku(), product.name(), product.description(), product.category(),
				product.brand(), product.price(), product.currency(), product.stock(), List.copyOf(tags));
	}

	/**
	 * The names of the fields whose values differ in {@code other}, in declaration order,
	 * as an {@code entity.updated} event's {@code changed_fields}.
	 * @param other the product after a change
	 * @return the changed field names, empty when nothing changed
	 */
	List<String> changedFields(ProductData other) {
		List<String> changed = new ArrayList<>();
		addIfChanged(changed, "sku", this.sku, other.sku);
		addIfChanged(changed, "name", this.name, other.name);
		addIfChanged(changed, "description", this.description, other.description);
		addIfChanged(changed, "category", this.category, other.category);
		addIfChanged(changed, "brand", this.brand, other.brand);
		if (this.price.compareTo(other.price) != 0) {
			changed.add("price");
		}
		addIfChanged(changed, "currency", this.currency, other.currency);
		addIfChanged(changed, "stock", this.stock, other.stock);
		addIfChanged(changed, "tags", this.tags, other.tags);
		return changed;
	}

	private static void addIfChanged(List<String> changed, String field, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			changed.add(field);
		}
	}

}
