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
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Generates a realistic product catalogue (brands, categories, names, prices, stock and
 * tags that belong together) from a seed, and loads it in transactions of
 * {@value #CHUNK_SIZE} products. Loads it at start-up when
 * {@code products.catalogue.load-on-startup} is positive and the catalogue is empty.
 */
@Component
class CatalogueGenerator implements ApplicationRunner {

	static final int CHUNK_SIZE = 500;

	private static final Log logger = LogFactory.getLog(CatalogueGenerator.class);

	private static final List<Category> CATEGORIES = List.of(
			new Category("Lighting", List.of("Desk Lamp", "Floor Lamp", "Pendant Light", "Wall Sconce", "LED Strip"),
					15, 240),
			new Category("Furniture", List.of("Desk", "Office Chair", "Bookshelf", "Side Table", "Sofa", "Bed Frame"),
					60, 1400),
			new Category("Kitchen", List.of("Chef's Knife", "Frying Pan", "Espresso Machine", "Kettle", "Blender"), 12,
					650),
			new Category("Audio", List.of("Headphones", "Bluetooth Speaker", "Soundbar", "Turntable", "Earbuds"), 25,
					900),
			new Category("Outdoor", List.of("Tent", "Sleeping Bag", "Hiking Backpack", "Camping Stove", "Lantern"), 20,
					600),
			new Category("Sports", List.of("Running Shoes", "Yoga Mat", "Dumbbell Set", "Road Bike", "Tennis Racket"),
					15, 2200),
			new Category("Office", List.of("Notebook", "Fountain Pen", "Monitor Arm", "Desk Organizer", "Whiteboard"),
					5, 300),
			new Category("Garden", List.of("Watering Can", "Pruning Shears", "Raised Bed", "Hose Reel", "Planter"), 8,
					350));

	private static final List<String> BRANDS = List.of("Nordhaus", "Lumen & Co", "Kestrel", "Alder", "Basalt",
			"Fjordline", "Halcyon", "Ironbark", "Juniper", "Meridian", "Orchard", "Pinecrest", "Quarry", "Solstice",
			"Tidewater", "Verdant");

	private static final List<String> STYLES = List.of("Classic", "Compact", "Pro", "Ultralight", "Heritage", "Modern",
			"Rustic", "Studio", "Travel", "Urban", "Eco", "Premium");

	private static final List<String> MATERIALS = List.of("Oak", "Walnut", "Steel", "Aluminium", "Linen", "Ceramic",
			"Bamboo", "Cast Iron", "Recycled Plastic", "Wool", "Brass", "Glass");

	private static final List<String> COLOURS = List.of("Black", "White", "Sage Green", "Navy", "Terracotta",
			"Charcoal", "Sand", "Copper", "Graphite", "Ivory");

	private final ProductService products;

	private final CatalogueProperties properties;

	CatalogueGenerator(ProductService products, CatalogueProperties properties) {
		this.products = products;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		int size = this.properties.loadOnStartup();
		if (size > 0 && this.products.count() == 0) {
			int created = load(size, this.properties.seed());
			logger.info("Loaded a generated catalogue of " + created + " products");
		}
	}

	/**
	 * Generate {@code size} products from {@code seed} and create them.
	 * @param size how many products
	 * @param seed the random seed
	 * @return how many were created
	 */
	int load(int size, long seed) {
		List<ProductRequest> catalogue = generate(size, seed);
		int created = 0;
		for (int from = 0; from < catalogue.size(); from += CHUNK_SIZE) {
			created += this.products.createAll(catalogue.subList(from, Math.min(from + CHUNK_SIZE, catalogue.size())));
		}
		return created;
	}

	static List<ProductRequest> generate(int size, long seed) {
		Random random = new Random(seed);
		List<ProductRequest> catalogue = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			Category category = pick(random, CATEGORIES);
			String kind = pick(random, category.kinds());
			String brand = pick(random, BRANDS);
			String style = pick(random, STYLES);
			String material = pick(random, MATERIALS);
			String colour = pick(random, COLOURS);
			String name = style + " " + material + " " + kind;
			double spread = category.maxPrice() - category.minPrice();
			BigDecimal price = BigDecimal.valueOf(category.minPrice() + spread * Math.pow(random.nextDouble(), 2))
				.setScale(0, RoundingMode.HALF_UP)
				.subtract(new BigDecimal("0.01"));
			String sku = String.format(Locale.ROOT, "%s-%s-%06d", code(category.name()), code(brand), i + 1)
					+ String.format(Locale.ROOT, "-%X", seed & 0xFFFF);
			String description = String.format(Locale.ROOT,
					"The %s %s from %s in %s %s. %s, built to last and easy to care for.",
					style.toLowerCase(Locale.ROOT), kind.toLowerCase(Locale.ROOT), brand,
					colour.toLowerCase(Locale.ROOT), material.toLowerCase(Locale.ROOT),
					pick(random, List.of("Designed in Copenhagen", "Made in Portugal", "Tested by our staff",
							"Backed by a five-year warranty")));
			Set<String> tags = new LinkedHashSet<>(List.of(category.name().toLowerCase(Locale.ROOT),
					material.toLowerCase(Locale.ROOT), colour.toLowerCase(Locale.ROOT)));
			if (random.nextInt(4) == 0) {
				tags.add("bestseller");
			}
			if (random.nextInt(6) == 0) {
				tags.add("sale");
			}
			catalogue.add(new ProductRequest(sku, name, description, category.name(), brand, price, "EUR",
					random.nextInt(250), List.copyOf(tags)));
		}
		return catalogue;
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static String code(String word) {
		return word.replaceAll("[^A-Za-z]", "").substring(0, 3).toUpperCase(Locale.ROOT);
	}

	private record Category(String name, List<String> kinds, int minPrice, int maxPrice) {

	}

}
