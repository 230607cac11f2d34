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

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The catalogue's REST API at {@code /api/products}.
 */
@RestController
@RequestMapping("/api/products")
@Validated
class ProductController {

	private final ProductService products;

	private final CatalogueGenerator catalogue;

	ProductController(ProductService products, CatalogueGenerator catalogue) {
		this.products = products;
		this.catalogue = catalogue;
	}

	@PostMapping
	ResponseEntity<ProductData> create(@Valid @RequestBody ProductRequest request) {
		ProductData created = this.products.create(request);
		return ResponseEntity.created(URI.create("/api/products/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	ProductData get(@PathVariable UUID id) {
		return this.products.find(id).orElseThrow(() -> notFound(id));
	}

	@GetMapping
	ProductPage list(@RequestParam(required = false) @Nullable String category,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
		return ProductPage.of(this.products.list(category, page, size));
	}

	@PutMapping("/{id}")
	ProductData update(@PathVariable UUID id, @Valid @RequestBody ProductRequest request) {
		return this.products.update(id, request).orElseThrow(() -> notFound(id));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		if (!this.products.delete(id)) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * Create products in bulk.
	 * @param requests the products
	 * @return how many were created
	 */
	@PostMapping("/bulk")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Integer> bulk(@RequestBody List<@Valid ProductRequest> requests) {
		return Map.of("created", this.products.createAll(requests));
	}

	/**
	 * Generate and create a realistic catalogue.
	 * @param size how many products
	 * @param seed the random seed, so a catalogue can be generated again
	 * @return how many were created
	 */
	@PostMapping("/catalogue")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Integer> catalogue(@RequestParam(defaultValue = "1000") @Min(1) @Max(100_000) int size,
			@RequestParam(defaultValue = "42") long seed) {
		return Map.of("created", this.catalogue.load(size, seed));
	}

	private static ResponseStatusException notFound(UUID id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No product with id " + id);
	}

	/**
	 * One page of products.
	 *
	 * @param content the products
	 * @param page the page number, from 0
	 * @param size the page size
	 * @param totalElements how many products match
	 * @param totalPages how many pages there are
	 */
	record ProductPage(List<ProductData> content, int page, int size, long totalElements, int totalPages) {

		static ProductPage of(Page<ProductData> page) {
			return new ProductPage(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
					page.getTotalPages());
		}

	}

}
