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
package com.dictamesh.reliability.secure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a service's Actuator endpoints over real HTTP.
 */
final class ActuatorHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	ActuatorHttp(int port) {
		this.port = port;
	}

	Answer get(String path) throws Exception {
		return send(path, request(path).GET());
	}

	Answer post(String path, Map<String, String> body) throws Exception {
		return send(path, request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
	}

	private Answer send(String path, HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(path, response.statusCode(), response.body());
	}

	/**
	 * An answer of an endpoint.
	 *
	 * @param path the path asked
	 * @param status the HTTP status
	 * @param text the body
	 */
	record Answer(String path, int status, String text) {

		JsonNode json() {
			return JSON.readTree(this.text);
		}

		String healthStatus() {
			return json().path("status").asString();
		}

	}

}
