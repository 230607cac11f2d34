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

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordTokenizerFactory;
import org.apache.lucene.analysis.core.LowerCaseFilterFactory;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The Lucene index of the products: one {@link IndexWriter} and a near-real-time
 * {@link SearcherManager} over a directory on disk, one document per product keyed by the
 * product id.
 * <p>
 * {@link #index(Product)} replaces the product's document
 * ({@code updateDocument(new Term("id", id), doc)}) and {@link #delete(String)} removes
 * it ({@code deleteDocuments(new Term("id", id))}). Both are idempotent by nature:
 * applying the same event twice leaves the index as applying it once, so a redelivered
 * event changes nothing and the index needs no idempotency store. Changes become durable
 * and visible to searches together, at {@link #commit()}.
 */
public class ProductIndex implements Closeable {

	static final String ID = "id";

	static final String SKU = "sku";

	static final String NAME = "name";

	static final String DESCRIPTION = "description";

	static final String CATEGORY = "category";

	static final String BRAND = "brand";

	static final String TAGS = "tags";

	static final String PRICE = "price";

	static final String CURRENCY = "currency";

	static final String STOCK = "stock";

	private static final String NAME_SORT = "name_sort";

	private static final String[] SEARCHED_FIELDS = { NAME, BRAND, CATEGORY, DESCRIPTION, TAGS, SKU };

	// A match in the name weighs most, then the brand.
	private static final Map<String, Float> BOOSTS = Map.of(NAME, 3f, BRAND, 2f);

	private static final Sort BY_NAME = new Sort(new SortField(NAME_SORT, SortField.Type.STRING),
			new SortField(ID, SortField.Type.STRING));

	private final Path path;

	private final Analyzer analyzer;

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	/**
	 * Open the index in the given directory, creating both when missing.
	 * @param path the directory of the index files
	 * @throws IOException when the index cannot be opened, for example because another
	 * process holds its write lock
	 */
	public ProductIndex(Path path) throws IOException {
		this.path = path.toAbsolutePath();
		// English stemming for prose, so that "lamps" finds "lamp"; the SKU is a code,
		// matched whole and case-insensitively.
		this.analyzer = new PerFieldAnalyzerWrapper(new EnglishAnalyzer(),
				Map.of(SKU,
						CustomAnalyzer.builder()
							.withTokenizer(KeywordTokenizerFactory.class)
							.addTokenFilter(LowerCaseFilterFactory.class)
							.build()));
		Files.createDirectories(this.path);
		this.directory = FSDirectory.open(this.path);
		IndexWriterConfig config = new IndexWriterConfig(this.analyzer)
			.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
		this.writer = new IndexWriter(this.directory, config);
		this.searchers = new SearcherManager(this.writer, null);
	}

	/**
	 * Return the directory of the index files.
	 * @return the absolute path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * Add the product's document or replace the one with the same id. Visible after the
	 * next {@link #commit()}.
	 * @param product the product, with an id
	 * @throws IOException when the index cannot be written
	 */
	public void index(Product product) throws IOException {
		String id = product.id();
		if (id == null) {
			throw new IllegalArgumentException("A product needs an id to be indexed");
		}
		this.writer.updateDocument(new Term(ID, id), document(id, product));
	}

	/**
	 * Remove the product's document, if any. Visible after the next {@link #commit()}.
	 * @param id the product id
	 * @throws IOException when the index cannot be written
	 */
	public void delete(String id) throws IOException {
		this.writer.deleteDocuments(new Term(ID, id));
	}

	/**
	 * Make the changes since the last commit durable on disk, then visible to searches.
	 * @throws IOException when the index cannot be written
	 */
	public void commit() throws IOException {
		this.writer.commit();
		this.searchers.maybeRefreshBlocking();
	}

	/**
	 * Remove every document and commit.
	 * @return the number of documents removed
	 * @throws IOException when the index cannot be written
	 */
	public int deleteAll() throws IOException {
		int removed = count();
		this.writer.deleteAll();
		commit();
		return removed;
	}

	/**
	 * Return the number of products a search can find.
	 * @return the number of documents
	 * @throws IOException when the index cannot be read
	 */
	public int count() throws IOException {
		IndexSearcher searcher = this.searchers.acquire();
		try {
			return searcher.getIndexReader().numDocs();
		}
		finally {
			this.searchers.release(searcher);
		}
	}

	/**
	 * Return whether the index can be written: false after a failure that closed the
	 * writer, such as a full disk.
	 * @return whether the index is open
	 */
	public boolean isOpen() {
		return this.writer.isOpen();
	}

	/**
	 * Return the failure that closed the writer, if any.
	 * @return the failure or {@code null}
	 */
	public @Nullable Throwable failure() {
		return this.writer.getTragicException();
	}

	/**
	 * Search the products: the best matches of the query first, or, for a blank query,
	 * all products by name.
	 * @param query a query in Lucene's classic syntax over name, brand, category,
	 * description, tags and SKU, all terms required; blank for all products
	 * @param page the page, from 0
	 * @param size the hits per page
	 * @return one page of hits and the total
	 * @throws ParseException when the query is not valid Lucene syntax or expands to too
	 * many terms
	 * @throws IOException when the index cannot be read
	 */
	public SearchPage search(String query, int page, int size) throws ParseException, IOException {
		boolean all = query.isBlank();
		Query parsed = all ? new MatchAllDocsQuery() : parse(query);
		int wanted = Math.multiplyExact(page + 1, size);
		IndexSearcher searcher = this.searchers.acquire();
		try {
			int total = searcher.count(parsed);
			TopDocs top = all ? searcher.search(parsed, wanted, BY_NAME) : searcher.search(parsed, wanted);
			StoredFields stored = searcher.storedFields();
			List<SearchHit> hits = new ArrayList<>();
			ScoreDoc[] docs = top.scoreDocs;
			for (int i = page * size; i < docs.length; i++) {
				hits.add(hit(stored.document(docs[i].doc), all ? null : docs[i].score));
			}
			return new SearchPage(total, hits);
		}
		catch (IndexSearcher.TooManyClauses ex) {
			// A wildcard or range that matches too many terms: the query's fault.
			throw new ParseException("The query matches too many terms: " + ex.getMessage());
		}
		finally {
			this.searchers.release(searcher);
		}
	}

	private Query parse(String query) throws ParseException {
		// Parsers are not thread-safe: one per search.
		MultiFieldQueryParser parser = new MultiFieldQueryParser(SEARCHED_FIELDS, this.analyzer, BOOSTS);
		parser.setDefaultOperator(QueryParser.Operator.AND);
		// A word the analyzer splits ("wi-fi") is a phrase in each field; otherwise the
		// multi-field parser would accept a document with either part in any field.
		parser.setSplitOnWhitespace(true);
		parser.setAutoGeneratePhraseQueries(true);
		return parser.parse(query);
	}

	private static Document document(String id, Product product) {
		Document document = new Document();
		document.add(new StringField(ID, id, Field.Store.YES));
		document.add(new SortedDocValuesField(ID, new BytesRef(id)));
		addText(document, NAME, product.name());
		document.add(new SortedDocValuesField(NAME_SORT,
				new BytesRef((product.name() != null) ? product.name().toLowerCase(Locale.ROOT) : "")));
		addText(document, SKU, product.sku());
		addText(document, BRAND, product.brand());
		addText(document, CATEGORY, product.category());
		addText(document, DESCRIPTION, product.description());
		product.tags().forEach((tag) -> addText(document, TAGS, tag));
		if (product.price() != null) {
			document.add(new StoredField(PRICE, product.price().toPlainString()));
		}
		if (product.currency() != null) {
			document.add(new StoredField(CURRENCY, product.currency()));
		}
		if (product.stock() != null) {
			document.add(new StoredField(STOCK, product.stock()));
		}
		return document;
	}

	private static void addText(Document document, String field, @Nullable String value) {
		if (value != null) {
			document.add(new TextField(field, value, Field.Store.YES));
		}
	}

	private static SearchHit hit(Document document, @Nullable Float score) {
		String price = document.get(PRICE);
		IndexableField stock = document.getField(STOCK);
		return new SearchHit(document.get(ID), score, document.get(SKU), document.get(NAME), document.get(BRAND),
				document.get(CATEGORY), (price != null) ? new BigDecimal(price) : null, document.get(CURRENCY),
				(stock != null) ? stock.numericValue().intValue() : null, Arrays.asList(document.getValues(TAGS)),
				document.get(DESCRIPTION));
	}

	@Override
	public void close() throws IOException {
		this.searchers.close();
		this.writer.close();
		this.directory.close();
	}

	/**
	 * One page of hits.
	 *
	 * @param total the number of products that match
	 * @param hits the hits of the page, best first
	 */
	public record SearchPage(int total, List<SearchHit> hits) {

	}

}
