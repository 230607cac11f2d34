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
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends to create or replace a product.
 *
 * @param sku the stock keeping unit: upper-case letters, digits and dashes
 * @param name the name
 * @param description the description, may be omitted
 * @param category the category
 * @param brand the brand
 * @param price the price, two decimals at most
 * @param currency the ISO 4217 currency code
 * @param stock the units in stock
 * @param tags the tags, may be omitted
 */
public record ProductRequest(
		@NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,63}",
				message = "must be 3 to 64 upper-case letters, digits or dashes") @Nullable String sku,
		@NotBlank @Size(max = 200) @Nullable String name, @Size(max = 2000) @Nullable String description,
		@NotBlank @Size(max = 100) @Nullable String category, @NotBlank @Size(max = 100) @Nullable String brand,
		@NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) @Nullable BigDecimal price,
		@NotBlank @Pattern(regexp = "[A-Z]{3}",
				message = "must be an ISO 4217 code such as EUR") @Nullable String currency,
		@NotNull @PositiveOrZero @Nullable Integer stock,
		@Size(max = 20) @Nullable List<@NotBlank @Pattern(regexp = "[^,]{1,40}",
				message = "must be 1 to 40 characters without a comma") String> tags) {

}
