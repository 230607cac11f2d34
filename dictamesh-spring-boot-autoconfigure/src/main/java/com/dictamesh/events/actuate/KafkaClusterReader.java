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

package com.dictamesh.events.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.dictamesh.events.kafka.DeclaredTopics;
import com.dictamesh.events.kafka.KafkaAccessDenials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Whether the Kafka cluster answers: {@code describeCluster} through an {@link Admin},
 * refreshed in the background; and, given the declared topics, which of them do not
 * exist, which it then asks {@link KafkaAdmin} to create again, away from the refresh:
 * KafkaAdmin creates topics only when the context starts, so a cluster that was away, or
 * refused the application's credentials or its {@code CREATE}, at that moment would
 * otherwise leave every send waiting for a topic that never comes.
 */
public class KafkaClusterReader extends CachedFigure<KafkaClusterReader.Cluster> {

	private static final Log logger = LogFactory.getLog(KafkaClusterReader.class);

	private final Admin admin;

	private @Nullable DeclaredTopics declaredTopics;

	private @Nullable KafkaAdmin kafkaAdmin;

	private @Nullable KafkaAccessDenials accessDenials;

	private final AtomicBoolean creating = new AtomicBoolean();

	/**
	 * Create a reader.
	 * @param admin the admin client
	 * @param interval the refresh interval
	 * @param timeout the longest a refresh may take
	 * @param clock the clock
	 */
	public KafkaClusterReader(Admin admin, Duration interval, Duration timeout, Clock clock) {
		super("kafka-cluster", interval, timeout, clock);
		this.admin = admin;
	}

	/**
	 * Look for the declared topics at each refresh, and have the missing ones created.
	 * @param declaredTopics the declared topics
	 * @param kafkaAdmin the KafkaAdmin that creates them, or {@code null} when the
	 * application creates no topics
	 * @param accessDenials where a refused creation is recorded, or {@code null}
	 */
	public void setDeclaredTopics(DeclaredTopics declaredTopics, @Nullable KafkaAdmin kafkaAdmin,
			@Nullable KafkaAccessDenials accessDenials) {
		this.declaredTopics = declaredTopics;
		this.kafkaAdmin = kafkaAdmin;
		this.accessDenials = accessDenials;
	}

	@Override
	protected Cluster compute() throws Exception {
		long timeout = getTimeout().toMillis();
		DescribeClusterResult result = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout));
		String clusterId = result.clusterId().get(timeout, TimeUnit.MILLISECONDS);
		Collection<Node> nodes = result.nodes().get(timeout, TimeUnit.MILLISECONDS);
		Node controller = result.controller().get(timeout, TimeUnit.MILLISECONDS);
		List<String> missingTopics = missingTopics(timeout);
		return new Cluster(clusterId, nodes.size(),
				(controller != null && !controller.isEmpty()) ? controller.id() : null, missingTopics);
	}

	private List<String> missingTopics(long timeout) throws Exception {
		DeclaredTopics declared = this.declaredTopics;
		if (declared == null || declared.getTopics().isEmpty()) {
			return List.of();
		}
		Map<String, KafkaFuture<TopicDescription>> described = this.admin
			.describeTopics(declared.getNames(), new DescribeTopicsOptions().timeoutMs((int) timeout))
			.topicNameValues();
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
			try {
				topic.getValue().get(timeout, TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
					missing.add(topic.getKey());
				}
				else if (!(ex.getCause() instanceof TopicAuthorizationException)) {
					// A topic the principal may not describe is not known to be missing.
					throw ex;
				}
			}
		}
		if (!missing.isEmpty()) {
			create(declared.getTopics().stream().filter((topic) -> missing.contains(topic.name())).toList());
		}
		return missing;
	}

	private void create(List<NewTopic> topics) {
		KafkaAdmin creator = this.kafkaAdmin;
		if (creator == null || !this.creating.compareAndSet(false, true)) {
			return;
		}
		List<String> names = topics.stream().map(NewTopic::name).toList();
		logger.warn("Declared topics " + names + " do not exist: asking KafkaAdmin to create them");
		Thread thread = new Thread(() -> {
			try {
				creator.createOrModifyTopics(topics.toArray(NewTopic[]::new));
				logger.info("Declared topics " + names + " created");
			}
			catch (RuntimeException ex) {
				KafkaAccessDenials denials = this.accessDenials;
				if (denials != null && KafkaAccessDenials.isAccessFailure(ex)) {
					names.forEach((name) -> denials.denied("the topic declaration", "CREATE", "topic", name, ex));
				}
				else {
					logger.warn("Declared topics " + names + " could not be created: "
							+ NestedExceptionUtils.getMostSpecificCause(ex));
				}
			}
			finally {
				this.creating.set(false);
			}
		}, "dictamesh-topic-declaration");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * What the cluster answered.
	 *
	 * @param clusterId the cluster id
	 * @param nodes the number of brokers
	 * @param controllerId the id of the controller, if known
	 * @param missingTopics the declared topics that do not exist
	 */
	public record Cluster(@Nullable String clusterId, int nodes, @Nullable Integer controllerId,
			List<String> missingTopics) {

	}

}
