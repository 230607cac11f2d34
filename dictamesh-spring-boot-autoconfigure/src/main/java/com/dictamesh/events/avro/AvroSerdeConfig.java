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
package com.dictamesh.events.avro;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of {@link KafkaAvroSerializer} and {@link KafkaAvroDeserializer},
 * read from a Kafka client's configuration with Confluent's keys, so that either
 * implementation can be chosen by configuration alone.
 */
public final class AvroSerdeConfig {

	/**
	 * Comma-separated registry URLs, or {@code mock://scope} for an in-memory registry.
	 */
	public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

	/**
	 * Whether the serializer registers a value's schema ({@code true}) or only looks its
	 * id up.
	 */
	public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

	/**
	 * Whether the serializer writes with the subject's latest version (when
	 * {@code auto.register.schemas} is {@code false}), and the generic deserializer reads
	 * with it.
	 */
	public static final String USE_LATEST_VERSION = "use.latest.version";

	/**
	 * The {@link SubjectNameStrategy} of keys.
	 */
	public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

	/**
	 * The {@link SubjectNameStrategy} of values.
	 */
	public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

	/**
	 * Whether the deserializer returns generated {@code SpecificRecord} classes.
	 */
	public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

	/**
	 * {@code URL} or {@code USER_INFO}: see {@link BasicAuthCredentialsSource}.
	 */
	public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

	/**
	 * {@code user:password} for {@code USER_INFO}.
	 */
	public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

	/**
	 * Milliseconds to wait for a connection to the registry, 0 for no limit.
	 */
	public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";

	/**
	 * Milliseconds to wait for the registry's answer, 0 for no limit.
	 */
	public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

	/**
	 * How many times a request that reached no registry is retried.
	 */
	public static final String MAX_RETRIES = "max.retries";

	/**
	 * Milliseconds before the first retry, doubled for each further one.
	 */
	public static final String RETRIES_WAIT_MS = "retries.wait.ms";

	/**
	 * The longest wait between retries, in milliseconds.
	 */
	public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

	/**
	 * Seconds a subject's latest version is kept, negative for ever.
	 */
	public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

	private static final String CLIENT_NAMESPACE = "schema.registry.";

	private static final String MOCK_SCHEME = "mock://";

	private final Map<String, ?> configs;

	private final List<String> urls;

	private AvroSerdeConfig(Map<String, ?> configs) {
		this.configs = configs;
		this.urls = urls(configs.get(SCHEMA_REGISTRY_URL));
	}

	/**
	 * Read a Kafka client's configuration.
	 * @param configs the configuration, as given to {@code configure}
	 * @return the configuration
	 * @throws ConfigException if a value is invalid
	 */
	public static AvroSerdeConfig of(Map<String, ?> configs) {
		AvroSerdeConfig config = new AvroSerdeConfig(Map.copyOf(withoutNulls(configs)));
		config.subjectNameStrategy(true);
		config.subjectNameStrategy(false);
		config.credentialsSource();
		return config;
	}

	private static Map<String, ?> withoutNulls(Map<String, ?> configs) {
		return configs.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() != null && entry.getValue() != null)
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static List<String> urls(@Nullable Object value) {
		if (value == null) {
			return List.of();
		}
		Collection<?> items = (value instanceof Collection<?> collection) ? collection
				: Arrays.asList(value.toString().split(","));
		return items.stream().map(String::valueOf).map(String::trim).filter((url) -> !url.isEmpty()).toList();
	}

	/**
	 * Return the registry URLs.
	 * @return the URLs, possibly empty
	 */
	public List<String> urls() {
		return this.urls;
	}

	/**
	 * Return the scope of an in-memory registry.
	 * @return the scope, or {@code null} unless the URL is {@code mock://scope}
	 */
	public @Nullable String mockScope() {
		List<String> mocks = this.urls.stream().filter((url) -> url.startsWith(MOCK_SCHEME)).toList();
		if (mocks.isEmpty()) {
			return null;
		}
		if (this.urls.size() > 1) {
			throw new ConfigException(SCHEMA_REGISTRY_URL, String.join(",", this.urls),
					"a mock:// URL cannot be combined with other URLs");
		}
		return mocks.get(0).substring(MOCK_SCHEME.length());
	}

	/**
	 * Create the registry client these settings describe: the in-memory registry of a
	 * {@code mock://} scope, otherwise a caching HTTP client.
	 * @return a client
	 * @throws ConfigException if no URL is configured
	 */
	public SchemaRegistryClient createRegistryClient() {
		if (this.urls.isEmpty()) {
			throw new ConfigException(SCHEMA_REGISTRY_URL, null, "a schema registry URL is required");
		}
		String scope = mockScope();
		if (scope != null) {
			return MockSchemaRegistry.forScope(scope);
		}
		long ttl = longValue(LATEST_CACHE_TTL_SEC, -1);
		return new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(httpSettings()),
				(ttl >= 0) ? Duration.ofSeconds(ttl) : null);
	}

	/**
	 * Return the settings of an HTTP registry client.
	 * @return the settings
	 */
	public HttpSchemaRegistryClient.Settings httpSettings() {
		String userInfo = string(BASIC_AUTH_USER_INFO);
		if (userInfo == null) {
			userInfo = string(CLIENT_NAMESPACE + BASIC_AUTH_USER_INFO);
		}
		int maxRetries = (int) longValue(MAX_RETRIES, 3);
		if (maxRetries < 0) {
			throw new ConfigException(MAX_RETRIES, maxRetries, "must not be negative");
		}
		return new HttpSchemaRegistryClient.Settings(this.urls, credentialsSource(), userInfo,
				millis(HTTP_CONNECT_TIMEOUT_MS, 60_000), millis(HTTP_READ_TIMEOUT_MS, 60_000), maxRetries,
				millis(RETRIES_WAIT_MS, 1_000), millis(RETRIES_MAX_WAIT_MS, 20_000));
	}

	/**
	 * Whether the serializer registers schemas.
	 * @return {@code auto.register.schemas}, {@code true} by default
	 */
	public boolean autoRegisterSchemas() {
		return booleanValue(AUTO_REGISTER_SCHEMAS, true);
	}

	/**
	 * Whether to use the subject's latest version.
	 * @return {@code use.latest.version}, {@code false} by default
	 */
	public boolean useLatestVersion() {
		return booleanValue(USE_LATEST_VERSION, false);
	}

	/**
	 * Whether the deserializer returns {@code SpecificRecord} classes.
	 * @return {@code specific.avro.reader}, {@code false} by default
	 */
	public boolean specificAvroReader() {
		return booleanValue(SPECIFIC_AVRO_READER, false);
	}

	/**
	 * Return the subject name strategy of keys or values. Accepts the short names
	 * {@code TopicNameStrategy}, {@code RecordNameStrategy} and
	 * {@code TopicRecordNameStrategy}, Confluent's class names for them
	 * ({@code io.confluent.kafka.serializers.subject.*}), and any class implementing
	 * {@link SubjectNameStrategy}.
	 * @param isKey whether for keys
	 * @return the strategy, {@link TopicNameStrategy} by default
	 */
	public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
		String key = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
		Object value = this.configs.get(key);
		if (value == null) {
			return new TopicNameStrategy();
		}
		if (value instanceof SubjectNameStrategy strategy) {
			return strategy;
		}
		String name = (value instanceof Class<?> type) ? type.getName() : value.toString().trim();
		String simpleName = name.substring(name.lastIndexOf('.') + 1);
		boolean known = name.equals(simpleName) || name.startsWith("io.confluent.kafka.serializers.subject.")
				|| name.startsWith(SubjectNameStrategy.class.getPackageName() + ".");
		if (known) {
			switch (simpleName) {
				case "TopicNameStrategy":
					return new TopicNameStrategy();
				case "RecordNameStrategy":
					return new RecordNameStrategy();
				case "TopicRecordNameStrategy":
					return new TopicRecordNameStrategy();
				default:
					break;
			}
		}
		try {
			ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
			Class<?> type = Class.forName(name, true,
					(classLoader != null) ? classLoader : AvroSerdeConfig.class.getClassLoader());
			if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
				throw new ConfigException(key, name, "not a " + SubjectNameStrategy.class.getName());
			}
			return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new ConfigException(key, name,
					"expected TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy or a class implementing "
							+ SubjectNameStrategy.class.getName() + " (" + ex + ")");
		}
	}

	private BasicAuthCredentialsSource credentialsSource() {
		String source = string(BASIC_AUTH_CREDENTIALS_SOURCE);
		if (source == null || source.isEmpty()) {
			return BasicAuthCredentialsSource.URL;
		}
		try {
			return BasicAuthCredentialsSource.valueOf(source.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "expected URL or USER_INFO");
		}
	}

	private @Nullable String string(String key) {
		Object value = this.configs.get(key);
		return (value != null) ? value.toString() : null;
	}

	private boolean booleanValue(String key, boolean defaultValue) {
		Object value = this.configs.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		String text = value.toString().trim();
		if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
			return Boolean.parseBoolean(text);
		}
		throw new ConfigException(key, value, "expected true or false");
	}

	private long longValue(String key, long defaultValue) {
		Object value = this.configs.get(key);
		if (value == null) {
			value = this.configs.get(CLIENT_NAMESPACE + key);
		}
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof Number number) {
			return number.longValue();
		}
		try {
			return Long.parseLong(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new ConfigException(key, value, "expected a whole number");
		}
	}

	private Duration millis(String key, long defaultValue) {
		long millis = longValue(key, defaultValue);
		if (millis < 0) {
			throw new ConfigException(key, millis, "must not be negative");
		}
		return Duration.ofMillis(millis);
	}

	@Override
	public String toString() {
		return "AvroSerdeConfig[urls=" + this.urls.stream()
			.map((url) -> HttpSchemaRegistryClient.withoutUserInfo(java.net.URI.create(url)))
			.toList() + "]";
	}

}
