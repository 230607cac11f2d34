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
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A product row. Tags are kept in one column, comma-separated; {@link ProductData} is the
 * shape the API and the events show.
 *
 * @param id the product id, assigned by the service
 * @param sku the stock keeping unit, unique
 * @param name the name
 * @param description the description
 * @param category the category
 * @param brand the brand
 * @param price the price
 * @param currency the ISO 4217 currency code
 * @param stock the units in stock
 * @param tags the tags, comma-separated
 * @param version the optimistic-locking version, {@code null} until first saved
 * @param createdAt when the product was created
 * @param updatedAt when the product was last changed
 */
@Table
record Product(@Id UUID id, String sku, String name, String description, String category, String brand,
		BigDecimal price, String currency, int stock, String tags, @Version @Nullable Long version, Instant createdAt,
		Instant updatedAt) {

	Product withVersion(@Nullable Long version) {
		return new Product(this.id, this.sku, this.name, this.description, this.category, this.brand, this.price,
				this.currency, this.stock, this.tags, version, this.createdAt, this.updatedAt);
	}

}
