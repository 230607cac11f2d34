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

package com.dictamesh.events.tracing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the HTTP request that wrote an outbox row, through the relay's publish,
 * to the handler method of another application, with OpenTelemetry as the tracer of both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceAcrossServicesIntegrationTests {

	private final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);

	private ConfigurableApplicationContext orders;

	private ConfigurableApplicationContext shipping;

	@BeforeAll
	void start() {
		this.broker.afterPropertiesSet();
		this.orders = new SpringApplicationBuilder(OrderService.class).web(WebApplicationType.SERVLET)
			.properties(common("orders"))
			.properties("server.port=0", "dictamesh.events.outbox.relay.enabled=true",
					"spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
			.run();
		this.shipping = new SpringApplicationBuilder(ShippingService.class).web(WebApplicationType.NONE)
			.properties(common("shipping"))
			.run();
	}

	@AfterAll
	void stop() {
		if (this.shipping != null) {
			this.shipping.close();
		}
		if (this.orders != null) {
			this.orders.close();
		}
		this.broker.destroy();
	}

	// tag::one-trace[]
	@Test
	void oneTraceRunsFromTheHttpRequestThroughTheOutboxToTheHandlerOfAnotherService() throws Exception {
		String orderId = UUID.randomUUID().toString();
		int port = ((WebServerApplicationContext) this.orders).getWebServer().getPort();

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders/" + orderId))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);

		Shipping shipping = this.shipping.getBean(Shipping.class);
		Handled handled = await().atMost(Duration.ofSeconds(30))
			.until(() -> shipping.handled.stream().filter((h) -> h.event().entityId().equals(orderId)).findFirst(),
					Optional::isPresent)
			.get();
		SpanData request = await().atMost(Duration.ofSeconds(30))
			.until(() -> spans(this.orders).stream()
				.filter((span) -> span.getKind() == SpanKind.SERVER && span.getName().contains("/orders"))
				.findFirst(), Optional::isPresent)
			.get();
		String traceId = request.getTraceId();

		assertThat(handled.traceId()).as("the handler's span").isEqualTo(traceId);
		assertThat(handled.event().traceId()).as("the envelope's trace_id").isEqualTo(traceId);
		SpanData delivery = await().atMost(Duration.ofSeconds(30))
			.until(() -> spans(this.shipping).stream()
				.filter((span) -> span.getKind() == SpanKind.CONSUMER)
				.findFirst(), Optional::isPresent)
			.get();
		assertThat(delivery.getTraceId()).as("the consumer span of the other service").isEqualTo(traceId);
		assertThat(delivery.getParentSpanContext().isRemote()).isTrue();
	}
	// end::one-trace[]

	private static List<SpanData> spans(ConfigurableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class).spans();
	}

	private String[] common(String name) {
		return new String[] { "spring.application.name=" + name,
				"spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
				"dictamesh.events.topics.partitions=1", "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=100ms", "spring.main.banner-mode=off" };
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(OrderService.Orders.class)
	static class OrderService {

		@Bean
		InMemorySpanExporter spanExporter() {
			return new InMemorySpanExporter();
		}

		@RestController
		static class Orders {

			private final OutboxEventPublisher outbox;

			private final TransactionTemplate transaction;

			Orders(OutboxEventPublisher outbox, TransactionTemplate transaction) {
				this.outbox = outbox;
				this.transaction = transaction;
			}

			@PostMapping("/orders/{id}")
			String place(@PathVariable String id) {
				this.transaction.executeWithoutResult(
						(status) -> this.outbox.entityCreated("order", id, Map.of("status", "placed")));
				return id;
			}

		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ShippingService {

		@Bean
		InMemorySpanExporter spanExporter() {
			return new InMemorySpanExporter();
		}

		@Bean
		Shipping shipping(Tracer tracer) {
			return new Shipping(tracer);
		}

	}

	static class Shipping {

		final List<Handled> handled = new CopyOnWriteArrayList<>();

		private final Tracer tracer;

		Shipping(Tracer tracer) {
			this.tracer = tracer;
		}

		@DictameshEventHandler("entity.created")
		void ship(Event event) {
			Span current = this.tracer.currentSpan();
			this.handled.add(new Handled(event, (current != null) ? current.context().traceId() : null));
		}

	}

	record Handled(Event event, String traceId) {

	}

}
