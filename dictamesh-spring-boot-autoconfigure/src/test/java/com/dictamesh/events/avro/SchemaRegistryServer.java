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
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Confluent-style schema registry REST API on the JDK's HTTP server, backed by a fresh
 * {@link MockSchemaRegistry} scope, that records the requests it receives and can be told
 * to fail or stall.
 */
class SchemaRegistryServer implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final String scope = "server-" + UUID.randomUUID();

	private final MockSchemaRegistry registry = MockSchemaRegistry.forScope(this.scope);

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Deque<int[]> failures = new ArrayDeque<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private volatile boolean stall;

	SchemaRegistryServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(4));
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	MockSchemaRegistry registry() {
		return this.registry;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Answer the next {@code count} requests with a status and a registry error body.
	 */
	synchronized void failNext(int count, int status, int errorCode, String message) {
		for (int i = 0; i < count; i++) {
			this.failures.add(new int[] { status, errorCode });
		}
		this.failureMessage = message;
	}

	private volatile String failureMessage = "";

	/**
	 * Hold every request without an answer until {@link #close()}.
	 */
	void stall() {
		this.stall = true;
	}

	private synchronized int @Nullable [] nextFailure() {
		return this.failures.poll();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Authorization"), new String(body, StandardCharsets.UTF_8)));
			if (this.stall) {
				this.release.await(30, TimeUnit.SECONDS);
				return;
			}
			int[] failure = nextFailure();
			if (failure != null) {
				reply(exchange, failure[0], Map.of("error_code", failure[1], "message", this.failureMessage));
				return;
			}
			try {
				reply(exchange, 200, answer(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body));
			}
			catch (SchemaRegistryException ex) {
				reply(exchange, ex.getHttpStatus(),
						Map.of("error_code", ex.getErrorCode(), "message", String.valueOf(ex.getRegistryMessage())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Object answer(String method, String rawPath, byte[] body) {
		String[] path = rawPath.substring(1).split("/");
		for (int i = 0; i < path.length; i++) {
			path[i] = URLDecoder.decode(path[i], StandardCharsets.UTF_8);
		}
		if (method.equals("POST") && path.length == 3 && path[0].equals("subjects") && path[2].equals("versions")) {
			return Map.of("id", this.registry.register(path[1], schema(body)));
		}
		if (method.equals("POST") && path.length == 2 && path[0].equals("subjects")) {
			int id = this.registry.getId(path[1], schema(body));
			return Map.of("subject", path[1], "id", id, "version", 1, "schema",
					this.registry.getSchemaById(id).toString());
		}
		if (method.equals("GET") && path.length == 3 && path[0].equals("schemas") && path[1].equals("ids")) {
			return Map.of("schema", this.registry.getSchemaById(Integer.parseInt(path[2])).toString());
		}
		if (method.equals("GET") && path.length == 4 && path[0].equals("subjects") && path[3].equals("latest")) {
			RegisteredSchema latest = this.registry.getLatestSchema(path[1]);
			return Map.of("subject", latest.subject(), "id", latest.id(), "version", latest.version(), "schema",
					latest.schema().toString());
		}
		if (method.equals("POST") && path.length == 5 && path[0].equals("compatibility")) {
			CompatibilityCheck check = this.registry.testCompatibility(path[2], path[4], schema(body));
			return Map.of("is_compatible", check.compatible(), "messages", check.reasons());
		}
		if (method.equals("PUT") && path.length == 2 && path[0].equals("config")) {
			String level = this.json.readTree(body).path("compatibility").asString();
			this.registry.updateCompatibility(path[1], CompatibilityLevel.valueOf(level));
			return Map.of("compatibility", level);
		}
		throw new SchemaRegistryException("Not found", 404, 404, "HTTP 404 Not Found");
	}

	private Schema schema(byte[] body) {
		JsonNode request = this.json.readTree(body);
		return new Schema.Parser().parse(request.path("schema").asString());
	}

	private void reply(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		if (this.release.getCount() == 0) {
			return;
		}
		this.release.countDown();
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
		MockSchemaRegistry.dropScope(this.scope);
	}

	record Request(String method, String uri, @Nullable String contentType, @Nullable String authorization,
			String body) {

		@Override
		public String toString() {
			return this.method + " " + this.uri;
		}

	}

	static Map<String, Object> config(String url, Object... keysAndValues) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			config.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return config;
	}

}
