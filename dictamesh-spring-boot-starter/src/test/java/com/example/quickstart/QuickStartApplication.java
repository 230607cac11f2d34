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

package com.example.quickstart;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.EventPublisher;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * What a new user writes first: the starter, an application.yml with the bootstrap
 * servers, one publisher call and one handler method.
 */
// tag::application[]
@SpringBootApplication
public class QuickStartApplication {

	public static void main(String[] args) {
		SpringApplication.run(QuickStartApplication.class, args);
	}

	// tag::publish[]
	@Bean
	ApplicationRunner publishOneProduct(EventPublisher events) {
		return (args) -> events.entityCreated("product", "42", new Product("Desk lamp", 4990));
	}
	// end::publish[]

	// tag::handle[]
	public record Product(String name, long priceCents) {
	}

	@Component
	public static class SearchIndex {

		final List<Product> indexed = new CopyOnWriteArrayList<>();

		@DictameshEventHandler("entity.created")
		void index(Product product) {
			this.indexed.add(product);
		}

	}
	// end::handle[]

}
// end::application[]
