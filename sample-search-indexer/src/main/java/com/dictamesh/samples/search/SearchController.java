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

import java.io.IOException;
import java.util.List;

import com.dictamesh.samples.search.ProductIndex.SearchPage;
import org.apache.lucene.queryparser.classic.ParseException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The search API: {@code GET /search?q=...&page=0&size=10} and the document count.
 */
@RestController
public class SearchController {

	static final int MAX_SIZE = 100;

	// Deep pages cost a collector of (page + 1) * size hits: keep it bounded.
	static final int MAX_HITS_COLLECTED = 10_000;

	private final ProductIndex index;

	public SearchController(ProductIndex index) {
		this.index = index;
	}

	@GetMapping("/search")
	SearchResults search(@RequestParam(name = "q", defaultValue = "") String query,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "10") int size)
			throws IOException {
		if (size < 1 || size > MAX_SIZE) {
			throw new InvalidSearchParameterException("size", "size must be between 1 and " + MAX_SIZE);
		}
		if (page < 0) {
			throw new InvalidSearchParameterException("page", "page must be 0 or more");
		}
		if ((long) (page + 1) * size > MAX_HITS_COLLECTED) {
			throw new InvalidSearchParameterException("page",
					"(page + 1) * size must not exceed " + MAX_HITS_COLLECTED + "; refine the query instead");
		}
		try {
			SearchPage result = this.index.search(query, page, size);
			return new SearchResults(query, result.total(), page, size, result.hits());
		}
		catch (ParseException ex) {
			// The first line says what is wrong; the rest lists the parser's tokens.
			throw new InvalidSearchParameterException("q",
					"q is not a valid query: " + ex.getMessage().lines().findFirst().orElse(""));
		}
	}

	@GetMapping("/search/count")
	DocumentCount count() throws IOException {
		return new DocumentCount(this.index.count());
	}

	/**
	 * One page of search results.
	 *
	 * @param query the query as given
	 * @param total the number of products that match
	 * @param page the page, from 0
	 * @param size the hits per page
	 * @param hits the hits, best first
	 */
	public record SearchResults(String query, int total, int page, int size, List<SearchHit> hits) {

	}

	/**
	 * The number of products in the index.
	 *
	 * @param documents the number of documents
	 */
	public record DocumentCount(int documents) {

	}

}
