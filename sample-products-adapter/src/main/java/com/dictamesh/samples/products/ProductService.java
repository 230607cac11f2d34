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

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.dictamesh.events.Event;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue's use cases. Each change and its event commit together: the event is an
 * outbox row written in the same transaction, so a rolled-back change publishes nothing
 * and a committed one is published even if the service dies right after the commit.
 */
@Service
public class ProductService {

	static final String ENTITY_TYPE = "product";

	static final String DOMAIN = "ecommerce";

	private final ProductRepository products;

	private final OutboxEventPublisher events;

	private final Clock clock = Clock.systemUTC();

	ProductService(ProductRepository products, OutboxEventPublisher events) {
		this.products = products;
		this.events = events;
	}

	// tag::create[]
	@Transactional
	public ProductData create(ProductRequest request) {
		requireUniqueSku(request.sku());
		Instant now = now();
		Product product = this.products.save(toProduct(UUID.randomUUID(), request, null, now, now));
		ProductData data = ProductData.of(product);
		this.events.publish(Event.entityCreated(ENTITY_TYPE, data.id().toString(), data).domain(DOMAIN).build());
		return data;
	}
	// end::create[]

	@Transactional(readOnly = true)
	public Optional<ProductData> find(UUID id) {
		return this.products.findById(id).map(ProductData::of);
	}

	@Transactional(readOnly = true)
	public Page<ProductData> list(@Nullable String category, int page, int size) {
		PageRequest request = PageRequest.of(page, size, Sort.by("name", "id"));
		Page<Product> found = (category != null) ? this.products.findByCategory(category, request)
				: this.products.findAll(request);
		return found.map(ProductData::of);
	}

	/**
	 * Replace a product. Nothing is written and no event published when nothing changed,
	 * as the Go adapter does.
	 * @param id the product id
	 * @param request the new state
	 * @return the product after the update, empty when there is no such product
	 */
	// tag::update[]
	@Transactional
	public Optional<ProductData> update(UUID id, ProductRequest request) {
		Optional<Product> found = this.products.findById(id);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Product existing = found.get();
		ProductData before = ProductData.of(existing);
		Product candidate = toProduct(id, request, existing.version(), existing.createdAt(), now());
		List<String> changedFields = before.changedFields(ProductData.of(candidate));
		if (changedFields.isEmpty()) {
			return Optional.of(before);
		}
		if (changedFields.contains("sku")) {
			requireUniqueSku(request.sku());
		}
		ProductData after = ProductData.of(this.products.save(candidate));
		this.events.publish(
				Event.entityUpdated(ENTITY_TYPE, id.toString(), after, changedFields, before).domain(DOMAIN).build());
		return Optional.of(after);
	}
	// end::update[]

	@Transactional
	public boolean delete(UUID id) {
		Optional<Product> found = this.products.findById(id);
		if (found.isEmpty()) {
			return false;
		}
		this.products.delete(found.get());
		this.events.publish(Event.entityDeleted(ENTITY_TYPE, id.toString())
			.previousData(ProductData.of(found.get()))
			.domain(DOMAIN)
			.build());
		return true;
	}

	/**
	 * Create many products in one transaction, one event each.
	 * @param requests the products
	 * @return how many were created
	 */
	@Transactional
	public int createAll(List<ProductRequest> requests) {
		requests.forEach(this::create);
		return requests.size();
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.products.count();
	}

	private void requireUniqueSku(@Nullable String sku) {
		if (sku != null && this.products.existsBySku(sku)) {
			throw new DuplicateSkuException(sku);
		}
	}

	private Instant now() {
		// Database timestamps keep microseconds; trimming here keeps events and reads
		// equal.
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static Product toProduct(UUID id, ProductRequest request, @Nullable Long version, Instant createdAt,
			Instant updatedAt) {
		List<String> tags = (request.tags() != null) ? request.tags() : List.of();
		return new Product(id, Objects.requireNonNull(request.sku()), Objects.requireNonNull(request.name()),
				(request.description() != null) ? request.description() : "",
				Objects.requireNonNull(request.category()), Objects.requireNonNull(request.brand()),
				Objects.requireNonNull(request.price()), Objects.requireNonNull(request.currency()),
				Objects.requireNonNull(request.stock()), String.join(",", tags), version, createdAt, updatedAt);
	}

	/**
	 * Another product already has the SKU.
	 */
	static class DuplicateSkuException extends RuntimeException {

		DuplicateSkuException(String sku) {
			super("A product with SKU '" + sku + "' already exists");
		}

	}

}
