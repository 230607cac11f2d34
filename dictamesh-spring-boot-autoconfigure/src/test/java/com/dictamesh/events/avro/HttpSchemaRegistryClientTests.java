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

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HttpSchemaRegistryClient}, and the serializer and deserializer through it,
 * against a registry REST API on the JDK's HTTP server that counts requests.
 */
class HttpSchemaRegistryClientTests {

	private static final Schema ORDER = new Schema.Parser().parse("""
			{"type": "record", "name": "Order", "namespace": "com.example",
			 "fields": [{"name": "id", "type": "string"}, {"name": "quantity", "type": "int"}]}""");

	private SchemaRegistryServer server;

	@BeforeEach
	void startServer() throws Exception {
		this.server = new SchemaRegistryServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void speaksTheRegistryRestApi() {
		HttpSchemaRegistryClient client = client(this.server.url());

		int id = client.register("orders-value", ORDER);
		client.updateCompatibility("orders-value", CompatibilityLevel.FULL);
		Schema fetched = client.getSchemaById(id);
		RegisteredSchema latest = client.getLatestSchema("orders-value");
		int lookedUp = client.getId("orders-value", ORDER);
		CompatibilityCheck check = client.testCompatibility("orders-value", "1", ORDER);

		assertThat(fetched).isEqualTo(ORDER);
		assertThat(latest).isEqualTo(new RegisteredSchema("orders-value", id, 1, ORDER));
		assertThat(lookedUp).isEqualTo(id);
		assertThat(check.compatible()).isTrue();
		assertThat(this.server.requests()).map(Object::toString)
			.containsExactly("POST /subjects/orders-value/versions", "PUT /config/orders-value",
					"GET /schemas/ids/" + id, "GET /subjects/orders-value/versions/latest",
					"POST /subjects/orders-value", "POST /compatibility/subjects/orders-value/versions/1?verbose=true");
		SchemaRegistryServer.Request register = this.server.requests().get(0);
		assertThat(register.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
		assertThat(register.body()).isEqualTo("{\"schema\":" + quoted(ORDER.toString()) + "}");
		assertThat(this.server.requests().get(1).body()).isEqualTo("{\"compatibility\":\"FULL\"}");
	}

	@Test
	void subjectIsEncodedInThePath() {
		client(this.server.url()).register("orders value/v", ORDER);

		assertThat(this.server.requests().get(0).uri()).isEqualTo("/subjects/orders%20value%2Fv/versions");
		assertThat(this.server.registry().getLatestSchema("orders value/v").schema()).isEqualTo(ORDER);
	}

	@Test
	void incompatibilityReasonsComeBackFromACompatibilityCheck() {
		HttpSchemaRegistryClient client = client(this.server.url());
		client.register("orders-value", ORDER);
		Schema withoutDefault = new Schema.Parser().parse(ORDER.toString()
			.replace("{\"name\":\"quantity\",\"type\":\"int\"}",
					"{\"name\":\"quantity\",\"type\":\"int\"},{\"name\":\"price\",\"type\":\"long\"}"));

		CompatibilityCheck check = client.testCompatibility("orders-value", "latest", withoutDefault);

		assertThat(check.compatible()).isFalse();
		assertThat(check.reasons()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2");
		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> client.register("orders-value", withoutDefault))
			.satisfies((ex) -> {
				assertThat(ex.getHttpStatus()).isEqualTo(409);
				assertThat(ex.getErrorCode()).isEqualTo(409);
				assertThat(ex.getRegistryMessage()).contains("incompatible with an earlier schema");
			});
	}

	@Test
	void registryErrorCodeAndMessageAreSurfacedWithoutRetrying() {
		this.server.failNext(1, 422, 42201, "Invalid schema");

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> client(this.server.url()).register("orders-value", ORDER))
			.withMessage("Schema registry " + this.server.url()
					+ " answered POST /subjects/orders-value/versions with HTTP 422, error code 42201: Invalid schema")
			.satisfies((ex) -> {
				assertThat(ex.getHttpStatus()).isEqualTo(422);
				assertThat(ex.getErrorCode()).isEqualTo(42201);
				assertThat(ex.getRegistryMessage()).isEqualTo("Invalid schema");
				assertThat(ex.isTransient()).isFalse();
			});
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void answerThatIsNotTheApisIsReportedWithoutRetrying() {
		this.server.failNext(1, 200, 0, "not a schema");

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> client(this.server.url()).getSchemaById(1))
			.withMessageStartingWith("Schema registry answer has no 'schema': ")
			.satisfies((ex) -> assertThat(ex.isTransient()).isFalse());
		assertThat(this.server.requests()).hasSize(1);
	}

	@Test
	void unknownIdIsNotFound() {
		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> client(this.server.url()).getSchemaById(42))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
				assertThat(ex.isNotFound()).isTrue();
			});
	}

	@Test
	void transientErrorsAreRetriedAfterABackOff() {
		this.server.failNext(2, 503, 50301, "Registry is starting");

		int id = client(this.server.url()).register("orders-value", ORDER);

		assertThat(id).isEqualTo(this.server.registry().getLatestSchema("orders-value").id());
		assertThat(this.server.requests()).hasSize(3);
	}

	@Test
	void retriesAreBoundedByMaxRetriesAndAFailureIsNotRemembered() {
		this.server.failNext(4, 500, 50001, "Store unavailable");
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(SchemaRegistryServer.config(this.server.url(), AvroSerdeConfig.RETRIES_WAIT_MS, 10),
				false);

		assertThatExceptionOfType(AvroSerializationException.class).isThrownBy(() -> serializer.serialize("counts", 1L))
			.withMessageContaining("error code 50001: Store unavailable")
			.havingCause()
			.isInstanceOfSatisfying(SchemaRegistryException.class, (ex) -> assertThat(ex.isTransient()).isTrue());
		assertThat(this.server.requests()).hasSize(4);

		assertThat(serializer.serialize("counts", 1L)).isNotNull();
		assertThat(this.server.requests()).hasSize(5);
	}

	@Test
	void backOffDoublesUpToTheLongestWait() {
		Duration wait = Duration.ofSeconds(1);
		Duration maxWait = Duration.ofSeconds(20);

		assertThat(List.of(1, 2, 3, 4, 5, 6, 100))
			.map((retry) -> HttpSchemaRegistryClient.backOffMillis(retry, wait, maxWait))
			.containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 20_000L, 20_000L);
		assertThat(HttpSchemaRegistryClient.backOffMillis(30, Duration.ofDays(1000), Duration.ofDays(2000)))
			.isEqualTo(Duration.ofDays(2000).toMillis());
		assertThat(
				HttpSchemaRegistryClient.backOffMillis(Integer.MAX_VALUE, Duration.ofMillis(1), Duration.ofDays(2000)))
			.isEqualTo(Duration.ofDays(2000).toMillis());
	}

	@Test
	void failsOverToTheNextUrlAndStaysThere() throws Exception {
		String down = "http://127.0.0.1:" + freePort();
		HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(new HttpSchemaRegistryClient.Settings(
				List.of(down, this.server.url()), BasicAuthCredentialsSource.URL, null, Duration.ofSeconds(2),
				Duration.ofSeconds(5), 0, Duration.ofMillis(10), Duration.ofMillis(50)));

		int id = client.register("orders-value", ORDER);
		Schema fetched = client.getSchemaById(id);

		assertThat(fetched).isEqualTo(ORDER);
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void unreachableRegistryFailsWithTheUrlAfterRetries() throws Exception {
		String down = "http://127.0.0.1:" + freePort();

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> client(down).getSchemaById(1))
			.withMessageStartingWith("Schema registry " + down + " did not answer GET /schemas/ids/1: ConnectException")
			.satisfies((ex) -> {
				assertThat(ex.getHttpStatus()).isEqualTo(SchemaRegistryException.NO_ANSWER);
				assertThat(ex.isTransient()).isTrue();
			});
	}

	@Test
	void readTimeoutEndsARequestTheRegistryDoesNotAnswer() {
		this.server.stall();
		HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(new HttpSchemaRegistryClient.Settings(
				List.of(this.server.url()), BasicAuthCredentialsSource.URL, null, Duration.ofSeconds(2),
				Duration.ofMillis(300), 1, Duration.ofMillis(10), Duration.ofMillis(50)));
		long started = System.nanoTime();

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> client.getSchemaById(1))
			.withMessageContaining("HttpTimeoutException");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.server.requests()).hasSize(2);
	}

	@Test
	void zeroTimeoutsMeanNoLimit() {
		SchemaRegistryClient client = AvroSerdeConfig
			.of(SchemaRegistryServer.config(this.server.url(), AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS, 0,
					AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, "0"))
			.createRegistryClient();

		assertThat(client.getSchemaById(client.register("orders-value", ORDER))).isEqualTo(ORDER);
	}

	@Test
	void basicAuthFromUserInfoIsSentAndThePasswordAppearsNowhere() {
		this.server.failNext(1, 401, 401, "Unauthorized");
		AvroSerdeConfig config = AvroSerdeConfig.of(SchemaRegistryServer.config(this.server.url(),
				AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO", AvroSerdeConfig.BASIC_AUTH_USER_INFO,
				"alice:s3cr3t-pw", AvroSerdeConfig.RETRIES_WAIT_MS, 10));
		SchemaRegistryClient client = config.createRegistryClient();

		SchemaRegistryException failure = org.junit.jupiter.api.Assertions.assertThrows(SchemaRegistryException.class,
				() -> client.register("orders-value", ORDER));
		client.register("orders-value", ORDER);

		assertThat(this.server.requests()).extracting(SchemaRegistryServer.Request::authorization)
			.containsOnly(basic("alice:s3cr3t-pw"));
		assertThat(
				List.of(failure.getMessage(), client.toString(), config.toString(), config.httpSettings().toString()))
			.noneMatch((text) -> text.contains("s3cr3t-pw"));
		assertThat(config.httpSettings().toString()).contains("userInfo=alice:****");
	}

	@Test
	void basicAuthFromTheUrlIsSentAndTheUrlIsShownWithoutIt() {
		String url = this.server.url().replace("http://", "http://bob:pa%3Ass@");
		this.server.failNext(1, 403, 40301, "Forbidden");
		AvroSerdeConfig config = AvroSerdeConfig.of(SchemaRegistryServer.config(url));

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> config.createRegistryClient().register("orders-value", ORDER))
			.withMessageStartingWith("Schema registry " + this.server.url() + " answered")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("pa%3Ass").doesNotContain("bob"));
		assertThat(this.server.requests().get(0).authorization()).isEqualTo(basic("bob:pa:ss"));
		assertThat(config.toString()).doesNotContain("pa%3Ass");
	}

	@Test
	void aMalformedUrlWithCredentialsIsRefusedWithoutThem() {
		AvroSerdeConfig config = AvroSerdeConfig
			.of(SchemaRegistryServer.config("http://bob:s3cr3t pw@registry.example:8081"));

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(config::createRegistryClient)
			.withMessage("Not a schema registry URL: http://<credentials>@registry.example:8081");
	}

	@Test
	void afterTheFirstRecordNoRequestIsMadePerRecord() {
		Map<String, Object> config = SchemaRegistryServer.config(this.server.url());
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(config, false);

		for (int i = 0; i < 1_000; i++) {
			GenericRecord order = new GenericData.Record(ORDER);
			order.put("id", "o-" + i);
			order.put("quantity", i);
			Object read = deserializer.deserialize("orders", serializer.serialize("orders", order));
			assertThat(read).isEqualTo(order);
		}

		assertThat(this.server.requests()).map(Object::toString)
			.containsExactly("POST /subjects/orders-value/versions", "GET /schemas/ids/1");
	}

	@Test
	void cachedSchemasKeepFlowingWhileTheRegistryIsDownAndNewOnesFailClearly() {
		Map<String, Object> config = SchemaRegistryServer.config(this.server.url(), AvroSerdeConfig.MAX_RETRIES, 1,
				AvroSerdeConfig.RETRIES_WAIT_MS, 10);
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(config, false);
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(config, false);
		GenericRecord order = new GenericData.Record(ORDER);
		order.put("id", "o-1");
		order.put("quantity", 1);
		deserializer.deserialize("orders", serializer.serialize("orders", order));
		String url = this.server.url();

		this.server.close();

		assertThat(deserializer.deserialize("orders", serializer.serialize("orders", order))).isEqualTo(order);
		assertThatExceptionOfType(AvroSerializationException.class)
			.isThrownBy(() -> serializer.serialize("orders", "a string"))
			.withMessageStartingWith("Could not register subject 'orders-value' for topic 'orders': Schema registry "
					+ url + " did not answer POST /subjects/orders-value/versions");
		assertThatExceptionOfType(AvroDeserializationException.class)
			.isThrownBy(() -> deserializer.deserialize("orders", AvroWireFormat.header(2)))
			.withMessageStartingWith("Could not fetch schema id 2 for a record value on topic 'orders'")
			.satisfies(
					(ex) -> assertThat(ex.getReason()).isEqualTo(AvroDeserializationException.Reason.REGISTRY_FAILURE));
	}

	@Test
	void schemaRegisteredThroughACachingClientIsKnownByIdWithoutARequest() {
		CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(client(this.server.url()));
		KafkaAvroSerializer serializer = new KafkaAvroSerializer(client);
		serializer.configure(Map.of(), false);
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(client);
		deserializer.configure(Map.of(), false);
		GenericRecord order = new GenericData.Record(ORDER);
		order.put("id", "o-1");
		order.put("quantity", 1);

		assertThat(deserializer.deserialize("orders", serializer.serialize("orders", order))).isEqualTo(order);

		assertThat(this.server.requests()).map(Object::toString)
			.containsExactly("POST /subjects/orders-value/versions");
	}

	@Test
	void latestVersionIsCachedForItsTimeToLive() {
		long[] now = { 0 };
		CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(client(this.server.url()),
				Duration.ofSeconds(30), () -> now[0]);
		this.server.registry().register("orders-value", ORDER);

		client.getLatestSchema("orders-value");
		now[0] += Duration.ofSeconds(29).toNanos();
		client.getLatestSchema("orders-value");
		assertThat(this.server.requests()).hasSize(1);

		now[0] += Duration.ofSeconds(1).toNanos();
		client.getLatestSchema("orders-value");
		assertThat(this.server.requests()).hasSize(2);
	}

	private static HttpSchemaRegistryClient client(String url) {
		return new HttpSchemaRegistryClient(
				new HttpSchemaRegistryClient.Settings(List.of(url), BasicAuthCredentialsSource.URL, null,
						Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(10), Duration.ofMillis(50)));
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String basic(String userInfo) {
		return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
