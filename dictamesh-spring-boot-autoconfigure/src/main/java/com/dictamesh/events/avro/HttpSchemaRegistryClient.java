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

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent REST API over the JDK's
 * {@link HttpClient}. With several URLs a request that cannot reach one registry (no
 * answer, or a 5xx, 408 or 429) goes to the next; when none answers, the request is
 * retried after a back-off that doubles up to a bound. Errors the registry answers with
 * (4xx) are not retried. Nothing is cached: wrap it in a
 * {@link CachingSchemaRegistryClient} for serialization.
 */
public class HttpSchemaRegistryClient implements SchemaRegistryClient {

	/**
	 * The registry's media type.
	 */
	public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final String ACCEPT = CONTENT_TYPE
			+ ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

	private static final Logger logger = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

	private final List<Endpoint> endpoints;

	private final Settings settings;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicInteger current = new AtomicInteger();

	/**
	 * Create a client.
	 * @param settings the URLs, credentials, timeouts and retries
	 */
	public HttpSchemaRegistryClient(Settings settings) {
		this.settings = settings;
		this.endpoints = endpoints(settings);
		HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
		if (!settings.connectTimeout().isZero()) {
			http.connectTimeout(settings.connectTimeout());
		}
		this.http = http.build();
	}

	private static List<Endpoint> endpoints(Settings settings) {
		if (settings.urls().isEmpty()) {
			throw new IllegalArgumentException("No schema registry URL");
		}
		@Nullable String sharedAuthorization = null;
		if (settings.credentialsSource() == BasicAuthCredentialsSource.USER_INFO) {
			String userInfo = settings.userInfo();
			if (userInfo == null || userInfo.isEmpty()) {
				throw new IllegalArgumentException(
						"basic.auth.credentials.source is USER_INFO but basic.auth.user.info is not set");
			}
			sharedAuthorization = authorization(userInfo);
		}
		List<Endpoint> endpoints = new ArrayList<>();
		for (String url : settings.urls()) {
			URI uri;
			try {
				uri = URI.create(url.trim());
			}
			catch (IllegalArgumentException ex) {
				// The parser's message repeats the whole URL, credentials included.
				throw new IllegalArgumentException(
						"Not a schema registry URL: " + url.trim().replaceFirst("//[^/]*@", "//<credentials>@"));
			}
			if (uri.getScheme() == null || uri.getHost() == null) {
				throw new IllegalArgumentException("Not a schema registry URL: " + withoutUserInfo(uri));
			}
			String base = withoutUserInfo(uri);
			while (base.endsWith("/")) {
				base = base.substring(0, base.length() - 1);
			}
			String authorization = sharedAuthorization;
			if (settings.credentialsSource() == BasicAuthCredentialsSource.URL && uri.getRawUserInfo() != null) {
				authorization = authorization(java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8));
			}
			endpoints.add(new Endpoint(base, authorization));
		}
		return List.copyOf(endpoints);
	}

	static String withoutUserInfo(URI uri) {
		String text = uri.toString();
		String rawUserInfo = uri.getRawUserInfo();
		return (rawUserInfo != null) ? text.replace(rawUserInfo + "@", "") : text;
	}

	private static String authorization(String userInfo) {
		return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public int register(String subject, Schema schema) {
		JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
		return requiredInt(answer, "id");
	}

	@Override
	public int getId(String subject, Schema schema) {
		JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
		return requiredInt(answer, "id");
	}

	@Override
	public Schema getSchemaById(int id) {
		JsonNode answer = send("GET", "/schemas/ids/" + id, null);
		return parse(answer, "schema id " + id);
	}

	@Override
	public RegisteredSchema getLatestSchema(String subject) {
		JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
		return new RegisteredSchema(subject, requiredInt(answer, "id"), requiredInt(answer, "version"),
				parse(answer, "the latest version of subject '" + subject + "'"));
	}

	@Override
	public CompatibilityCheck testCompatibility(String subject, String version, Schema schema) {
		JsonNode answer = send("POST",
				"/compatibility/subjects/" + encode(subject) + "/versions/" + encode(version) + "?verbose=true",
				schemaBody(schema));
		JsonNode compatible = answer.path("is_compatible");
		if (!compatible.isBoolean()) {
			throw new SchemaRegistryException(
					"Schema registry answered a compatibility check without is_compatible: " + answer,
					SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER, null);
		}
		List<String> reasons = new ArrayList<>();
		// Confluent answers "messages" (a list), Apicurio "reason" (a string).
		for (JsonNode message : answer.path("messages")) {
			reasons.add(message.asString());
		}
		JsonNode reason = answer.path("reason");
		if (reason.isString() && !reason.asString().isEmpty()) {
			reasons.add(reason.asString());
		}
		return new CompatibilityCheck(subject, version, compatible.booleanValue(), reasons);
	}

	@Override
	public void updateCompatibility(String subject, CompatibilityLevel level) {
		send("PUT", "/config/" + encode(subject), Map.of("compatibility", level.name()));
	}

	private Map<String, String> schemaBody(Schema schema) {
		return Map.of("schema", schema.toString());
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static int requiredInt(JsonNode answer, String field) {
		JsonNode value = answer.path(field);
		if (!value.isInt()) {
			throw new SchemaRegistryException("Schema registry answer has no '" + field + "': " + answer,
					SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER, null);
		}
		return value.intValue();
	}

	private static Schema parse(JsonNode answer, String what) {
		JsonNode schemaType = answer.path("schemaType");
		if (schemaType.isString() && !"AVRO".equalsIgnoreCase(schemaType.asString())) {
			throw new SchemaRegistryException(
					"The registry's " + what + " is a " + schemaType.asString() + " schema, not an Avro schema",
					SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER, null);
		}
		JsonNode schema = answer.path("schema");
		if (!schema.isString()) {
			throw new SchemaRegistryException("Schema registry answer has no 'schema': " + answer,
					SchemaRegistryException.NO_ANSWER, SchemaRegistryException.NO_ANSWER, null);
		}
		try {
			return new Schema.Parser().parse(schema.asString());
		}
		catch (SchemaParseException ex) {
			throw new SchemaRegistryException("The registry's " + what + " is not an Avro schema: " + ex.getMessage(),
					ex, false);
		}
	}

	private JsonNode send(String method, String path, @Nullable Object body) {
		byte[] content = (body != null) ? this.json.writeValueAsBytes(body) : null;
		SchemaRegistryException failure = null;
		for (int attempt = 0; attempt <= this.settings.maxRetries(); attempt++) {
			if (attempt > 0) {
				backOff(attempt, method, path, failure);
			}
			int first = this.current.get();
			for (int i = 0; i < this.endpoints.size(); i++) {
				int index = (first + i) % this.endpoints.size();
				Endpoint endpoint = this.endpoints.get(index);
				try {
					JsonNode answer = sendOnce(endpoint, method, path, content);
					if (index != first && this.current.compareAndSet(first, index)) {
						logger.warn("Schema registry {} failed ({}); now using {}", this.endpoints.get(first).url(),
								(failure != null) ? failure.getMessage() : "", endpoint.url());
					}
					return answer;
				}
				catch (SchemaRegistryException ex) {
					if (!ex.isTransient()) {
						throw ex;
					}
					failure = ex;
					logger.debug("Schema registry request failed, attempt {}: {}", attempt + 1, ex.getMessage());
				}
			}
		}
		throw failure;
	}

	private void backOff(int attempt, String method, String path, @Nullable SchemaRegistryException failure) {
		long wait = backOffMillis(attempt, this.settings.retryWait(), this.settings.retryMaxWait());
		try {
			Thread.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SchemaRegistryException("Interrupted while retrying " + method + " " + path, failure, false);
		}
	}

	/**
	 * The wait before a retry: the first wait, doubled for each further retry, at most
	 * the longest wait.
	 */
	static long backOffMillis(int retry, Duration wait, Duration maxWait) {
		int doublings = Math.min(retry - 1, 62);
		long max = maxWait.toMillis();
		// Compared before shifting, so that a long wait cannot overflow.
		return (wait.toMillis() > (max >> doublings)) ? max : wait.toMillis() << doublings;
	}

	private JsonNode sendOnce(Endpoint endpoint, String method, String path, byte @Nullable [] content) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url() + path))
			.header("Accept", ACCEPT);
		if (!this.settings.readTimeout().isZero()) {
			request.timeout(this.settings.readTimeout());
		}
		if (endpoint.authorization() != null) {
			request.header("Authorization", endpoint.authorization());
		}
		if (content != null) {
			request.header("Content-Type", CONTENT_TYPE)
				.method(method, HttpRequest.BodyPublishers.ofByteArray(content));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new SchemaRegistryException(
					"Schema registry " + endpoint.url() + " did not answer " + method + " " + path + ": "
							+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? " " + ex.getMessage() : ""),
					ex, true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SchemaRegistryException("Interrupted during " + method + " " + path, ex, false);
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return readAnswer(response.body(), endpoint, method, path, status);
		}
		throw error(response, endpoint, method, path);
	}

	private JsonNode readAnswer(byte[] body, Endpoint endpoint, String method, String path, int status) {
		if (body.length == 0) {
			return this.json.missingNode();
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new SchemaRegistryException("Schema registry " + endpoint.url() + " answered " + method + " " + path
					+ " with " + status + " and a body that is not JSON: " + snippet(body), status, status, null);
		}
	}

	private SchemaRegistryException error(HttpResponse<byte[]> response, Endpoint endpoint, String method,
			String path) {
		int status = response.statusCode();
		int errorCode = status;
		String message = snippet(response.body());
		try {
			JsonNode answer = this.json.readTree(response.body());
			if (answer.path("error_code").isInt()) {
				errorCode = answer.path("error_code").intValue();
			}
			if (answer.path("message").isString()) {
				message = answer.path("message").asString();
			}
		}
		catch (JacksonException ex) {
			// Not the registry's JSON error (a proxy's page, say): keep the body as the
			// message.
		}
		return new SchemaRegistryException("Schema registry " + endpoint.url() + " answered " + method + " " + path
				+ " with HTTP " + status + ", error code " + errorCode + ": " + message, status, errorCode, message);
	}

	private static String snippet(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

	@Override
	public String toString() {
		return "HttpSchemaRegistryClient" + this.endpoints.stream().map(Endpoint::url).toList();
	}

	private record Endpoint(String url, @Nullable String authorization) {

		@Override
		public String toString() {
			return this.url;
		}

	}

	/**
	 * How to reach the registry.
	 *
	 * @param urls the registry URLs, tried in turn
	 * @param credentialsSource where basic authentication credentials come from
	 * @param userInfo {@code user:password} when the source is
	 * {@link BasicAuthCredentialsSource#USER_INFO}
	 * @param connectTimeout how long to wait for a connection, zero for no limit
	 * @param readTimeout how long to wait for an answer, zero for no limit
	 * @param maxRetries how many times a request that reached no registry is retried
	 * @param retryWait the wait before the first retry, doubled for each further one
	 * @param retryMaxWait the longest wait between retries
	 */
	public record Settings(List<String> urls, BasicAuthCredentialsSource credentialsSource, @Nullable String userInfo,
			Duration connectTimeout, Duration readTimeout, int maxRetries, Duration retryWait, Duration retryMaxWait) {

		/**
		 * Create settings.
		 * @param urls the URLs
		 * @param credentialsSource the credentials source
		 * @param userInfo the user info
		 * @param connectTimeout the connect timeout
		 * @param readTimeout the read timeout
		 * @param maxRetries the retries
		 * @param retryWait the first wait
		 * @param retryMaxWait the longest wait
		 */
		public Settings {
			urls = List.copyOf(urls);
		}

		/**
		 * Settings for URLs without credentials, with Confluent's default timeouts (60 s)
		 * and retries (3, from 1 s to 20 s).
		 * @param urls the URLs
		 * @return the settings
		 */
		public static Settings of(String... urls) {
			return new Settings(List.of(urls), BasicAuthCredentialsSource.URL, null, Duration.ofSeconds(60),
					Duration.ofSeconds(60), 3, Duration.ofSeconds(1), Duration.ofSeconds(20));
		}

		@Override
		public String toString() {
			return "Settings[urls=" + this.urls.stream().map((url) -> withoutUserInfo(URI.create(url.trim()))).toList()
					+ ", credentialsSource=" + this.credentialsSource + ", userInfo="
					+ ((this.userInfo != null) ? user(this.userInfo) + ":****" : null) + ", connectTimeout="
					+ this.connectTimeout + ", readTimeout=" + this.readTimeout + ", maxRetries=" + this.maxRetries
					+ ", retryWait=" + this.retryWait + ", retryMaxWait=" + this.retryMaxWait + "]";
		}

		private static String user(String userInfo) {
			int colon = userInfo.indexOf(':');
			return (colon >= 0) ? userInfo.substring(0, colon) : userInfo;
		}

	}

}
