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
import java.nio.file.Path;
import java.util.List;

import com.dictamesh.samples.search.ProductIndex.SearchPage;
import org.apache.lucene.queryparser.classic.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Lucene index on its own, in a temporary directory.
 */
class ProductIndexTests {

	@TempDir
	Path directory;

	@Test
	void indexingAndDeletingTwiceHasTheEffectOfOnce() throws Exception {
		try (ProductIndex index = new ProductIndex(this.directory)) {
			index.index(product("1", "Desk lamp"));
			index.index(product("1", "Desk lamp"));
			index.commit();
			assertThat(index.count()).isOne();
			index.delete("1");
			index.delete("1");
			index.delete("never-indexed");
			index.commit();
			assertThat(index.count()).isZero();
		}
	}

	@Test
	void changesAreVisibleAfterTheCommitOnly() throws Exception {
		try (ProductIndex index = new ProductIndex(this.directory)) {
			index.index(product("1", "Desk lamp"));
			assertThat(index.search("lamp", 0, 10).total()).isZero();
			index.commit();
			assertThat(index.search("lamp", 0, 10).total()).isOne();
		}
	}

	@Test
	void committedDocumentsSurviveAReopening() throws Exception {
		try (ProductIndex index = new ProductIndex(this.directory)) {
			index.index(product("1", "Desk lamp"));
			index.commit();
		}
		try (ProductIndex index = new ProductIndex(this.directory)) {
			SearchPage page = index.search("lamps", 0, 10);
			assertThat(page.hits()).singleElement().satisfies((hit) -> {
				assertThat(hit.id()).isEqualTo("1");
				assertThat(hit.price()).isEqualByComparingTo("19.99");
				assertThat(hit.stock()).isEqualTo(3);
				assertThat(hit.tags()).containsExactly("office", "light");
			});
		}
	}

	@Test
	void replacingADocumentChangesWhatFindsIt() throws Exception {
		try (ProductIndex index = new ProductIndex(this.directory)) {
			index.index(product("1", "Desk lamp"));
			index.commit();
			index.index(product("1", "Floor lamp"));
			index.commit();
			assertThat(index.search("desk", 0, 10).total()).isZero();
			assertThat(index.search("floor", 0, 10).hits()).extracting(SearchHit::name).containsExactly("Floor lamp");
		}
	}

	@Test
	void everyTermIsRequiredAndTheSkuMatchesWhole() throws Exception {
		try (ProductIndex index = new ProductIndex(this.directory)) {
			index.index(product("1", "Desk lamp"));
			index.index(product("2", "Floor lamp"));
			index.index(product("3", "Desk-top fan"));
			index.commit();
			assertThat(index.search("lamp", 0, 10).total()).isEqualTo(2);
			assertThat(index.search("desk lamp", 0, 10).hits()).extracting(SearchHit::id).containsExactly("1");
			assertThat(index.search("sku-2", 0, 10).hits()).extracting(SearchHit::id).containsExactly("2");
			assertThat(index.search("desk-top", 0, 10).hits()).extracting(SearchHit::id).containsExactly("3");
		}
	}

	@Test
	void pagesSliceTheHitsInOrder() throws Exception {
		try (ProductIndex index = new ProductIndex(this.directory)) {
			for (String name : List.of("Echo", "alpha", "Delta", "charlie", "Bravo")) {
				index.index(product(name, name));
			}
			index.commit();
			assertThat(index.search("", 0, 2).hits()).extracting(SearchHit::name).containsExactly("alpha", "Bravo");
			assertThat(index.search("", 2, 2).hits()).extracting(SearchHit::name).containsExactly("Echo");
			assertThat(index.search(" ", 3, 2).hits()).isEmpty();
			assertThat(index.search("", 3, 2).total()).isEqualTo(5);
		}
	}

	@Test
	void queryLuceneCannotParseIsRejected() throws Exception {
		try (ProductIndex index = new ProductIndex(this.directory)) {
			assertThatExceptionOfType(ParseException.class).isThrownBy(() -> index.search("name:(lamp", 0, 10));
			assertThatExceptionOfType(ParseException.class).isThrownBy(() -> index.search("*lamp", 0, 10));
		}
	}

	private static Product product(String id, String name) {
		return new Product(id, "SKU-" + id, name, "Bright enough", "lighting", "Lumen", new BigDecimal("19.99"), "EUR",
				3, List.of("office", "light"));
	}

}
