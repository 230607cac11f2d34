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
package com.dictamesh.events.kafka;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.ProducerListener;

/**
 * What the Kafka cluster refused the starter's clients: the authorization failures (a
 * topic the principal may not write or read, a group it may not join) and the
 * authentication failures of its publisher and its handlers' consumers, each kept until
 * the same client succeeds again. Each new denial is logged once, at ERROR, with the
 * missing ACL and the command that grants it; the {@code kafka} health indicator and the
 * {@code dictamesh} endpoint show the current ones. The clients meanwhile go on retrying
 * (the publisher's callers and the outbox relay with their back-off, the handlers'
 * consumers every {@code spring.kafka.listener.auth-exception-retry-interval}), so that a
 * granted ACL heals the application without a restart.
 */
public class KafkaAccessDenials {

	private static final Log logger = LogFactory.getLog(KafkaAccessDenials.class);

	private static final Pattern JAAS_USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

	private final String principal;

	private final Clock clock;

	private final Map<Key, Denial> denials = new ConcurrentHashMap<>();

	/**
	 * Create a registry.
	 * @param principal the principal the clients authenticate as, such as
	 * {@code User:orders}, as the fixes name it
	 * @param clock the clock that dates the denials
	 */
	public KafkaAccessDenials(String principal, Clock clock) {
		this.principal = principal;
		this.clock = clock;
	}

	/**
	 * Return the principal a client with these settings authenticates as, for the fixes
	 * to name: the user of a SASL JAAS configuration, without anything else of it.
	 * @param configs the client's settings
	 * @return the principal, such as {@code User:orders}, or a description when it cannot
	 * be told from the settings (a TLS certificate's name, no authentication)
	 */
	public static String principalOf(Map<String, Object> configs) {
		Object jaas = configs.get("sasl.jaas.config");
		if (jaas != null) {
			String value = (jaas instanceof Password password) ? password.value() : jaas.toString();
			Matcher username = JAAS_USERNAME.matcher(value);
			if (username.find()) {
				return "User:" + username.group(1);
			}
		}
		return "User:<this application's principal>";
	}

	/**
	 * Return whether a failure is Kafka refusing access (authorization or
	 * authentication), anywhere in its causes.
	 * @param failure the failure
	 * @return whether it is an access failure
	 */
	public static boolean isAccessFailure(@Nullable Throwable failure) {
		return accessFailureIn(failure) != null;
	}

	/**
	 * Record the failure of a client when it is an access failure; log it if it is new.
	 * @param client the client, such as {@code publisher} or {@code consumer group
	 * 'orders'}
	 * @param role what the client does, which says the operation it was refused
	 * @param failure the failure
	 * @return whether the failure was an access failure
	 */
	public boolean record(String client, Role role, Throwable failure) {
		Throwable access = accessFailureIn(failure);
		if (access == null) {
			return false;
		}
		for (Denial denial : describe(client, role, access, this.principal, this.clock.instant())) {
			add(denial);
		}
		return true;
	}

	/**
	 * Record a refusal whose operation and resource the failure itself does not name,
	 * such as a topic creation refused with {@code Authorization failed.}; log it if it
	 * is new.
	 * @param client the refused client
	 * @param operation the operation, such as {@code CREATE}
	 * @param resourceType the type of resource, such as {@code topic}
	 * @param resource the resource
	 * @param failure the failure
	 */
	public void denied(String client, String operation, String resourceType, String resource, Throwable failure) {
		Throwable access = accessFailureIn(failure);
		Throwable cause = (access != null) ? access : failure;
		add(denial(client, operation, resourceType, resource, this.principal,
				cause.getClass().getSimpleName() + ": " + cause.getMessage(), this.clock.instant()));
	}

	private void add(Denial denial) {
		Key key = new Key(denial.client(), denial.resourceType(), denial.resource());
		Denial previous = this.denials.get(key);
		if (previous != null) {
			this.denials.put(key, previous.seenAgain(denial.lastSeen()));
		}
		else {
			this.denials.put(key, denial);
			logger.error(denial.summary() + " (" + denial.error() + "). " + denial.fix() + ".");
		}
	}

	/**
	 * Forget a client's denials after it succeeded: all of them, or those of one topic.
	 * @param client the client
	 * @param topic the topic it succeeded on, {@code null} for everything it does
	 */
	public void allowed(String client, @Nullable String topic) {
		if (this.denials.isEmpty()) {
			return;
		}
		this.denials.keySet().removeIf((key) -> {
			boolean cleared = key.client().equals(client)
					&& (topic == null || !"topic".equals(key.resourceType()) || topic.equals(key.resource()));
			if (cleared) {
				logger.info("Kafka allows " + client + " again"
						+ ((key.resource() != null) ? " on " + key.resourceType() + " '" + key.resource() + "'" : ""));
			}
			return cleared;
		});
	}

	/**
	 * Forget the refused authentications of every client, once the cluster accepted the
	 * application's credentials (a health check authenticated with them): a client still
	 * refused records its refusal again at its next attempt.
	 */
	public void authenticated() {
		if (this.denials.isEmpty()) {
			return;
		}
		this.denials.keySet().removeIf((key) -> {
			boolean cleared = key.resourceType() == null;
			if (cleared) {
				logger.info("Kafka accepts the credentials of " + key.client() + " again");
			}
			return cleared;
		});
	}

	/**
	 * Return the current denials, oldest first.
	 * @return the denials
	 */
	public List<Denial> current() {
		List<Denial> current = new ArrayList<>(this.denials.values());
		current.sort(Comparator.comparing(Denial::since));
		return current;
	}

	/**
	 * Return what a failure says, as {@link #explain(String, Role, Throwable, String)}
	 * does with this registry's principal.
	 * @param client the failing client, as the description names it
	 * @param role what the failing client does
	 * @param failure the failure
	 * @return the description
	 */
	public String describe(String client, Role role, Throwable failure) {
		return explain(client, role, failure, this.principal);
	}

	/**
	 * Return what a failure says, for a log line or an error detail: the denial and its
	 * fix when Kafka refused access, otherwise the most specific cause.
	 * @param client the failing client, as the description names it
	 * @param role what the failing client does
	 * @param failure the failure
	 * @param principal the principal, as {@link #principalOf(Map)} tells it
	 * @return the description
	 */
	public static String explain(String client, Role role, Throwable failure, String principal) {
		Throwable access = accessFailureIn(failure);
		if (access == null) {
			Throwable cause = failure;
			while (cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			return cause.getClass().getSimpleName() + ": " + cause.getMessage();
		}
		List<Denial> denials = describe(client, role, access, principal, Instant.EPOCH);
		StringBuilder text = new StringBuilder();
		for (Denial denial : denials) {
			text.append((text.length() > 0) ? "; " : "")
				.append(denial.summary())
				.append(" (")
				.append(denial.error())
				.append("). ")
				.append(denial.fix());
		}
		return text.toString();
	}

	/**
	 * Return a producer listener that records the access failures of a template's sends
	 * and forgets a topic's denials once a send to it succeeds.
	 * @param client the client the template is, such as {@code publisher}
	 * @param producerUnusable called when the producer is left unusable: refused its
	 * credentials (an idempotent producer then stays in a fatal state, its sends blocked,
	 * after the credentials are fixed) or its producer id (no {@code WRITE} on any topic,
	 * or no {@code IDEMPOTENT_WRITE}: the Kafka client then asks for it again without a
	 * pause, thousands of times a second with a log line each, until it is closed)
	 * @return the listener
	 */
	public ProducerListener<byte[], byte[]> producerListener(String client, Runnable producerUnusable) {
		return new ProducerListener<>() {

			@Override
			public void onSuccess(ProducerRecord<byte[], byte[]> record, RecordMetadata metadata) {
				allowed(client, record.topic());
			}

			@Override
			public void onError(ProducerRecord<byte[], byte[]> record, @Nullable RecordMetadata metadata,
					Exception exception) {
				Throwable access = accessFailureIn(exception);
				if (access != null) {
					record(client, Role.PRODUCER, access);
					if (access instanceof AuthenticationException || access instanceof ClusterAuthorizationException
							|| access instanceof TransactionalIdAuthorizationException) {
						producerUnusable.run();
					}
				}
			}

		};
	}

	/**
	 * Return a consumer that records the access failures of the given one, such as a
	 * group it may not join or a topic it may not read, and forgets its denials after a
	 * poll that succeeded: the handlers' containers retry such failures after
	 * {@code spring.kafka.listener.auth-exception-retry-interval}.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param consumer the consumer
	 * @return the consumer that records
	 */
	@SuppressWarnings("unchecked")
	public <K, V> Consumer<K, V> watch(Consumer<K, V> consumer) {
		return (Consumer<K, V>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
				new Class<?>[] { Consumer.class }, new WatchedConsumer(consumer));
	}

	private static @Nullable Throwable accessFailureIn(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
				return cause;
			}
		}
		return null;
	}

	private static List<Denial> describe(String client, Role role, Throwable access, String principal, Instant now) {
		String error = access.getClass().getSimpleName() + ": " + access.getMessage();
		if (access instanceof AuthenticationException) {
			String fix = (access instanceof SslAuthenticationException)
					? "Check spring.kafka.ssl.* (or the SSL bundle): the trust store must hold the CA of the brokers' "
							+ "certificates, and the key store this application's certificate where the brokers ask for one"
					: "Check the credentials of " + principal + " in spring.kafka.properties.sasl.jaas.config (or "
							+ "spring.kafka.jaas.*) and spring.kafka.properties.sasl.mechanism against the user's "
							+ "credentials on the cluster (kafka-configs.sh --describe --entity-type users)";
			return List.of(new Denial(client, "authentication", null, null, principal,
					"Kafka refused to authenticate " + client + " as " + principal, error, fix, now, now, 1));
		}
		List<Denial> denials = new ArrayList<>();
		if (access instanceof TopicAuthorizationException topics && !topics.unauthorizedTopics().isEmpty()) {
			for (String topic : topics.unauthorizedTopics()) {
				denials.add(denial(client, role.topicOperation, "topic", topic, principal, error, now));
			}
		}
		else if (access instanceof GroupAuthorizationException group) {
			String groupId = (group.groupId() != null) ? group.groupId() : afterColon(group.getMessage());
			denials.add(denial(client, role.groupOperation, "group", groupId, principal, error, now));
		}
		else if (access instanceof TransactionalIdAuthorizationException) {
			denials.add(denial(client, "WRITE", "transactional-id", null, principal, error, now));
		}
		else if (access instanceof ClusterAuthorizationException && role == Role.PRODUCER) {
			// Since Kafka 3.0 WRITE on a topic also gives an idempotent producer its id:
			// the narrower grant.
			denials.add(new Denial(client, "IDEMPOTENT_WRITE", "cluster", null, principal,
					"Kafka refused " + client + " (" + principal + ") a producer id for idempotent sends", error,
					"Grant it WRITE on the topics it publishes to, which also gives an idempotent producer its id: "
							+ "kafka-acls.sh --bootstrap-server <brokers> --add --allow-principal " + principal
							+ " --operation WRITE --resource-pattern-type prefixed --topic <dictamesh.events.topics.prefix>",
					now, now, 1));
		}
		else if (access instanceof ClusterAuthorizationException) {
			denials.add(denial(client, role.clusterOperation, "cluster", null, principal, error, now));
		}
		else {
			denials.add(denial(client, role.topicOperation, "topic", afterColon(access.getMessage()), principal, error,
					now));
		}
		return denials;
	}

	private static Denial denial(String client, String operation, String resourceType, @Nullable String resource,
			String principal, String error, Instant now) {
		String target = resourceType + ((resource != null) ? " '" + resource + "'" : "");
		String option = switch (resourceType) {
			case "cluster" -> "--cluster";
			case "transactional-id" -> "--transactional-id <spring.kafka.producer.transaction-id-prefix>*";
			default -> "--" + resourceType + " " + ((resource != null) ? resource : "<name>");
		};
		String fix = "Grant it: kafka-acls.sh --bootstrap-server <brokers> --add --allow-principal " + principal
				+ " --operation " + operation + " " + option;
		return new Denial(client, operation, resourceType, resource, principal,
				"Kafka denied " + client + " (" + principal + ") " + operation + " on " + target, error, fix, now, now,
				1);
	}

	private static @Nullable String afterColon(@Nullable String message) {
		if (message == null || message.indexOf(':') < 0) {
			return null;
		}
		String rest = message.substring(message.lastIndexOf(':') + 1).trim();
		return rest.isEmpty() ? null : rest.replace("[", "").replace("]", "");
	}

	/**
	 * What a client does, which says the operation a denial refused.
	 */
	public enum Role {

		/**
		 * Publishes events and dead letters (the starter's template: the publisher, the
		 * outbox relay, the dead-letter recoverer).
		 */
		PRODUCER("WRITE", "WRITE", "IDEMPOTENT_WRITE"),

		/**
		 * Consumes in a group (the handlers' containers).
		 */
		CONSUMER("READ", "READ", "DESCRIBE"),

		/**
		 * Reads the cluster's figures (health, lag, dead letters).
		 */
		ADMIN("DESCRIBE", "DESCRIBE", "DESCRIBE");

		private final String topicOperation;

		private final String groupOperation;

		private final String clusterOperation;

		Role(String topicOperation, String groupOperation, String clusterOperation) {
			this.topicOperation = topicOperation;
			this.groupOperation = groupOperation;
			this.clusterOperation = clusterOperation;
		}

	}

	/**
	 * Passes every call to a consumer, noting its access failures and the polls that
	 * succeed.
	 */
	private final class WatchedConsumer implements InvocationHandler {

		private final Consumer<?, ?> consumer;

		private @Nullable String client;

		WatchedConsumer(Consumer<?, ?> consumer) {
			this.consumer = consumer;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
			Object result;
			try {
				result = method.invoke(this.consumer, args);
			}
			catch (InvocationTargetException ex) {
				Throwable failure = ex.getTargetException();
				if (isAccessFailure(failure)) {
					record(client(), Role.CONSUMER, failure);
				}
				throw failure;
			}
			if ("poll".equals(method.getName())) {
				allowed(client(), null);
			}
			return result;
		}

		private String client() {
			String name = this.client;
			if (name == null) {
				// Read once, on the consumer's own thread: the group never changes.
				try {
					name = "consumer group '" + this.consumer.groupMetadata().groupId() + "'";
				}
				catch (RuntimeException ex) {
					name = "consumer";
				}
				this.client = name;
			}
			return name;
		}

	}

	private record Key(String client, @Nullable String resourceType, @Nullable String resource) {

	}

	/**
	 * A refusal of the cluster.
	 *
	 * @param client the refused client, such as {@code publisher}
	 * @param operation the refused operation ({@code WRITE}, {@code READ}, ...), or
	 * {@code authentication}
	 * @param resourceType {@code topic}, {@code group}, {@code cluster} or
	 * {@code transactional-id}; {@code null} for an authentication failure
	 * @param resource the topic or group, if known
	 * @param principal the principal the client authenticates as
	 * @param summary what was refused, in a sentence
	 * @param error the client's exception, in a line
	 * @param fix what grants it
	 * @param since when it was first refused
	 * @param lastSeen when it was last refused
	 * @param occurrences how often it was refused since
	 */
	public record Denial(String client, String operation, @Nullable String resourceType, @Nullable String resource,
			String principal, String summary, String error, String fix, Instant since, Instant lastSeen,
			long occurrences) {

		Denial seenAgain(Instant now) {
			return new Denial(this.client, this.operation, this.resourceType, this.resource, this.principal,
					this.summary, this.error, this.fix, this.since, now, this.occurrences + 1);
		}

		/**
		 * Return the denial as health and endpoint details.
		 * @return the details
		 */
		public Map<String, Object> toDetails() {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("client", this.client);
			details.put("operation", this.operation);
			if (this.resourceType != null) {
				details.put("resourceType", this.resourceType);
			}
			if (this.resource != null) {
				details.put("resource", this.resource);
			}
			details.put("principal", this.principal);
			details.put("error", this.error);
			details.put("fix", this.fix);
			details.put("since", this.since.toString());
			details.put("lastSeen", this.lastSeen.toString());
			details.put("occurrences", this.occurrences);
			return details;
		}

	}

}
