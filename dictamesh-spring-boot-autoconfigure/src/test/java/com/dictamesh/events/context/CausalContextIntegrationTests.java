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

package com.dictamesh.events.context;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.dictamesh.events.CausalContext;
import com.dictamesh.events.DictameshEventHandler;
import com.dictamesh.events.Event;
import com.dictamesh.events.EventContext;
import com.dictamesh.events.EventMdc;
import com.dictamesh.events.EventMetadata;
import com.dictamesh.events.EventPublisher;
import com.dictamesh.events.outbox.OutboxEventPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The causal context across two applications, "orders" (a servlet web application) and
 * "payments", on one real in-JVM KRaft broker, each with its own H2 database for the
 * outbox and idempotency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CausalContextIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private EmbeddedKafkaKraftBroker broker;

	private ConfigurableApplicationContext orders;

	private ConfigurableApplicationContext payments;

	private final ListAppender<ILoggingEvent> logLines = new ListAppender<>();

	@BeforeAll
	void startBrokerAndApplications() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 2);
		this.broker.afterPropertiesSet();
		this.orders = new SpringApplicationBuilder(OrdersApplication.class).web(WebApplicationType.SERVLET)
			.properties(properties("orders"))
			.properties("server.port=0", "spring.task.execution.propagate-context=true")
			.run();
		this.payments = new SpringApplicationBuilder(PaymentsApplication.class).web(WebApplicationType.NONE)
			.properties(properties("payments"))
			.run();
		// Boot configures Logback as each application starts: listen afterwards.
		this.logLines.start();
		((Logger) LoggerFactory.getLogger(OrderHandlers.class)).addAppender(this.logLines);
		((Logger) LoggerFactory.getLogger(PaymentHandlers.class)).addAppender(this.logLines);
	}

	private String[] properties(String name) {
		return new String[] { "spring.application.name=" + name,
				"spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
				"dictamesh.events.topics.partitions=2", "dictamesh.events.outbox.relay.poll-interval=100ms",
				"dictamesh.events.outbox.transaction-required=false" };
	}

	@AfterAll
	void stop() {
		((Logger) LoggerFactory.getLogger(OrderHandlers.class)).detachAppender(this.logLines);
		((Logger) LoggerFactory.getLogger(PaymentHandlers.class)).detachAppender(this.logLines);
		if (this.payments != null) {
			this.payments.close();
		}
		if (this.orders != null) {
			this.orders.close();
		}
		this.broker.destroy();
	}

	@Test
	void aChainAcrossTwoApplicationsCarriesCausationAndOneCorrelationId() throws Exception {
		String orderId = UUID.randomUUID().toString();
		Event placed = Event.builder("order.placed")
			.entity("order", orderId)
			.metadata(new EventMetadata(null, null, "alice", "session-1", Map.of("tenant", "acme")))
			.build();
		Event a = this.orders.getBean(EventPublisher.class).publish(placed).get(30, TimeUnit.SECONDS).event();

		Recorded recorded = this.orders.getBean(Recorded.class);
		await().atMost(WAIT).until(() -> recorded.events.containsKey("payment.completed:" + orderId));
		Event b = this.payments.getBean(Recorded.class).events.get("payment.requested:" + orderId);
		Event c = recorded.events.get("payment.completed:" + orderId);
		assertThat(a.metadata().correlationId()).as("a flow's first event starts it").isEqualTo(a.eventId());
		assertThat(b.metadata().causationId()).isEqualTo(a.eventId());
		assertThat(c.metadata().causationId()).isEqualTo(b.eventId());
		assertThat(List.of(b, c)).extracting((event) -> event.metadata().correlationId()).containsOnly(a.eventId());
		assertThat(List.of(b, c)).extracting(Event::source).containsExactly("orders", "payments");
		assertThat(c.metadata().userId()).isEqualTo("alice");
		assertThat(c.metadata().sessionId()).isEqualTo("session-1");
		assertThat(c.metadata().tags()).containsEntry("tenant", "acme").containsEntry("step", "payment");
	}

	@Test
	void aChainThroughTheOutboxCarriesCausationAndOneCorrelationId() {
		String orderId = UUID.randomUUID().toString();
		String flow = "flow-" + orderId;
		// tag::run-with[]
		Event a = EventContext.callWith(CausalContext.startingFlow(flow),
				() -> this.orders.getBean(OutboxEventPublisher.class)
					.publish(Event.builder("outbox.order.placed").entity("order", orderId).build()));
		// end::run-with[]

		Recorded recorded = this.orders.getBean(Recorded.class);
		await().atMost(WAIT).until(() -> recorded.events.containsKey("outbox.payment.completed:" + orderId));
		Event b = this.payments.getBean(Recorded.class).events.get("outbox.payment.requested:" + orderId);
		Event c = recorded.events.get("outbox.payment.completed:" + orderId);
		assertThat(a.metadata().correlationId()).isEqualTo(flow);
		assertThat(a.metadata().causationId()).isNull();
		assertThat(b.metadata().causationId()).isEqualTo(a.eventId());
		assertThat(c.metadata().causationId()).isEqualTo(b.eventId());
		assertThat(List.of(b, c)).extracting((event) -> event.metadata().correlationId()).containsOnly(flow);
		assertThat(EventContext.current()).as("restored after the block").isNull();
	}

	@Test
	void aLogLineWrittenInAHandlerHasTheEventsIdsInItsMdc() throws Exception {
		String orderId = UUID.randomUUID().toString();
		Event a = this.orders.getBean(EventPublisher.class)
			.publish(Event.builder("order.placed").entity("order", orderId).build())
			.get(30, TimeUnit.SECONDS)
			.event();

		Recorded recorded = this.payments.getBean(Recorded.class);
		await().atMost(WAIT).until(() -> recorded.events.containsKey("payment.requested:" + orderId));
		Event b = recorded.events.get("payment.requested:" + orderId);
		await().atMost(WAIT).until(() -> logLine("Charging order " + orderId) != null);
		Map<String, String> placing = logLine("Requesting payment of order " + orderId).getMDCPropertyMap();
		assertThat(placing).containsEntry(EventMdc.EVENT_ID, a.eventId())
			.containsEntry(EventMdc.EVENT_TYPE, "order.placed")
			.containsEntry(EventMdc.CORRELATION_ID, a.eventId())
			.doesNotContainKey(EventMdc.CAUSATION_ID);
		Map<String, String> charging = logLine("Charging order " + orderId).getMDCPropertyMap();
		assertThat(charging).containsEntry(EventMdc.EVENT_ID, b.eventId())
			.containsEntry(EventMdc.EVENT_TYPE, "payment.requested")
			.containsEntry(EventMdc.CORRELATION_ID, a.eventId())
			.containsEntry(EventMdc.CAUSATION_ID, a.eventId());
	}

	@Test
	void aHandlerThatHandsWorkToAnAsyncMethodPublishesWithTheHandledEventAsCause() throws Exception {
		String orderId = UUID.randomUUID().toString();
		Event a = this.orders.getBean(EventPublisher.class)
			.publish(Event.builder("order.shipped").entity("order", orderId).build())
			.get(30, TimeUnit.SECONDS)
			.event();

		Recorded recorded = this.orders.getBean(Recorded.class);
		await().atMost(WAIT).until(() -> recorded.events.containsKey("shipping.notified:" + orderId));
		Event notified = recorded.events.get("shipping.notified:" + orderId);
		assertThat(notified.metadata().causationId()).isEqualTo(a.eventId());
		assertThat(notified.metadata().correlationId()).isEqualTo(a.eventId());
		String asyncThread = this.orders.getBean(ShippingNotifier.class).threadOf(orderId);
		assertThat(asyncThread).as("published from the executor's thread").startsWith("task-");
		assertThat(logLine("Notifying shipping of order " + orderId).getMDCPropertyMap())
			.containsEntry(EventMdc.EVENT_ID, a.eventId())
			.containsEntry(EventMdc.CORRELATION_ID, a.eventId());
	}

	@Test
	void anHttpRequestWithTheCorrelationHeaderPublishesEventsWithThatCorrelationId() throws Exception {
		String orderId = UUID.randomUUID().toString();
		String flow = "web-" + orderId;
		int port = ((WebServerApplicationContext) this.orders).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders/" + orderId))
				.header("X-Correlation-Id", flow)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue(flow);

		Recorded recorded = this.payments.getBean(Recorded.class);
		await().atMost(WAIT).until(() -> recorded.events.containsKey("http.order.received:" + orderId));
		Event received = recorded.events.get("http.order.received:" + orderId);
		assertThat(received.metadata().correlationId()).isEqualTo(flow);
		assertThat(received.metadata().causationId()).isNull();
	}

	private ILoggingEvent logLine(String message) {
		return this.logLines.list.stream()
			.filter((line) -> line.getFormattedMessage().equals(message))
			.findFirst()
			.orElse(null);
	}

	static class Recorded {

		final Map<String, Event> events = new ConcurrentHashMap<>();

		void add(Event event) {
			this.events.put(event.eventType() + ":" + event.entityId(), event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	static class OrdersApplication {

		@Bean
		Recorded recorded() {
			return new Recorded();
		}

		@Bean
		ShippingNotifier shippingNotifier(EventPublisher publisher) {
			return new ShippingNotifier(publisher);
		}

		@Bean
		OrderHandlers orderHandlers(EventPublisher publisher, OutboxEventPublisher outbox, ShippingNotifier shipping,
				Recorded recorded) {
			return new OrderHandlers(publisher, outbox, shipping, recorded);
		}

		@Bean
		OrdersController ordersController(EventPublisher publisher) {
			return new OrdersController(publisher);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PaymentsApplication {

		@Bean
		Recorded recorded() {
			return new Recorded();
		}

		@Bean
		PaymentHandlers paymentHandlers(EventPublisher publisher, OutboxEventPublisher outbox, Recorded recorded) {
			return new PaymentHandlers(publisher, outbox, recorded);
		}

	}

	static class OrderHandlers {

		private static final org.slf4j.Logger logger = LoggerFactory.getLogger(OrderHandlers.class);

		private final EventPublisher publisher;

		private final OutboxEventPublisher outbox;

		private final ShippingNotifier shipping;

		private final Recorded recorded;

		OrderHandlers(EventPublisher publisher, OutboxEventPublisher outbox, ShippingNotifier shipping,
				Recorded recorded) {
			this.publisher = publisher;
			this.outbox = outbox;
			this.shipping = shipping;
			this.recorded = recorded;
		}

		// tag::follow-up[]
		@DictameshEventHandler("order.placed")
		void requestPayment(Event placed) {
			logger.info("Requesting payment of order {}", placed.entityId());
			// No correlation or causation id here: the starter fills them in.
			this.publisher.publish(Event.builder("payment.requested").entity("order", placed.entityId()).build());
		}
		// end::follow-up[]

		@DictameshEventHandler("outbox.order.placed")
		void requestPaymentThroughTheOutbox(Event placed) {
			this.outbox.publish(Event.builder("outbox.payment.requested").entity("order", placed.entityId()).build());
		}

		@DictameshEventHandler("order.shipped")
		void notifyShipping(Event shipped) {
			this.shipping.notifyLater(shipped.entityId());
		}

		@DictameshEventHandler({ "payment.completed", "outbox.payment.completed", "shipping.notified" })
		void record(Event event) {
			this.recorded.add(event);
		}

	}

	static class ShippingNotifier {

		private static final org.slf4j.Logger logger = LoggerFactory.getLogger(OrderHandlers.class);

		private final Map<String, String> threads = new ConcurrentHashMap<>();

		private final EventPublisher publisher;

		ShippingNotifier(EventPublisher publisher) {
			this.publisher = publisher;
		}

		// tag::async[]
		@Async
		public void notifyLater(String orderId) {
			// Runs on the application task executor, in the context of the calling
			// handler.
			logger.info("Notifying shipping of order {}", orderId);
			this.publisher.publish(Event.builder("shipping.notified").entity("order", orderId).build());
			// end::async[]
			this.threads.put(orderId, Thread.currentThread().getName());
			// tag::async[]
		}
		// end::async[]

		public String threadOf(String orderId) {
			return this.threads.get(orderId);
		}

	}

	@RestController
	static class OrdersController {

		private final EventPublisher publisher;

		OrdersController(EventPublisher publisher) {
			this.publisher = publisher;
		}

		@PostMapping("/orders/{id}")
		ResponseEntity<Void> receive(@PathVariable String id) {
			this.publisher.publish(Event.builder("http.order.received").entity("order", id).build()).join();
			return ResponseEntity.accepted().build();
		}

	}

	static class PaymentHandlers {

		private static final org.slf4j.Logger logger = LoggerFactory.getLogger(PaymentHandlers.class);

		private final EventPublisher publisher;

		private final OutboxEventPublisher outbox;

		private final Recorded recorded;

		PaymentHandlers(EventPublisher publisher, OutboxEventPublisher outbox, Recorded recorded) {
			this.publisher = publisher;
			this.outbox = outbox;
			this.recorded = recorded;
		}

		@DictameshEventHandler("payment.requested")
		void charge(Event requested) {
			this.recorded.add(requested);
			logger.info("Charging order {}", requested.entityId());
			this.publisher.publish(Event.builder("payment.completed")
				.entity("order", requested.entityId())
				.metadata(new EventMetadata(null, null, null, null, Map.of("step", "payment")))
				.build());
		}

		@DictameshEventHandler("outbox.payment.requested")
		void chargeThroughTheOutbox(Event requested) {
			this.recorded.add(requested);
			this.outbox
				.publish(Event.builder("outbox.payment.completed").entity("order", requested.entityId()).build());
		}

		@DictameshEventHandler("http.order.received")
		void record(Event event) {
			this.recorded.add(event);
		}

	}

}
