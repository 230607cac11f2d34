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

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs a service on the starter needs, as measured against the secure broker by
 * {@code SecureAclMeasurement}: with these alone it declares its topics, publishes
 * (directly and through the outbox relay), consumes, dead-letters, and reports health,
 * consumer lag and dead letters; without any one of them something of that fails. READ
 * and WRITE each imply DESCRIBE, which the admin calls of health and lag need
 * ({@code describeTopics}, {@code listOffsets}, {@code listConsumerGroupOffsets});
 * {@code describeCluster} needs no ACL, and no ACL on the cluster is needed. The
 * endpoint's write operations (redrive, replay; off by default) were not measured.
 */
enum StarterAcl {

	/**
	 * Publish events and dead letters. WRITE on some topic is also what gives the
	 * idempotent producer its producer id: without any, every send fails with a
	 * {@code ClusterAuthorizationException}.
	 */
	WRITE_TOPICS(ResourceType.TOPIC, AclOperation.WRITE),

	/**
	 * Consume events; summarize and browse dead letters: the dead-letter indicator reads
	 * the shared dead-letter topic, in a service without handlers too, and is DOWN with a
	 * {@code TopicAuthorizationException} once another service dead-lettered there.
	 */
	READ_TOPICS(ResourceType.TOPIC, AclOperation.READ),

	/**
	 * Declare the starter's topics at start-up ({@code dictamesh.events.topics.declare},
	 * on by default); not needed when an operator creates them.
	 */
	CREATE_TOPICS(ResourceType.TOPIC, AclOperation.CREATE),

	/**
	 * Join the handlers' consumer group and commit its offsets; read its committed
	 * offsets for consumer lag.
	 */
	READ_GROUP(ResourceType.GROUP, AclOperation.READ);

	private final ResourceType resourceType;

	private final AclOperation operation;

	StarterAcl(ResourceType resourceType, AclOperation operation) {
		this.resourceType = resourceType;
		this.operation = operation;
	}

	/**
	 * Return this ACL for a service: on the topics of a prefix, or on a consumer group.
	 * @param principal the service's principal, {@code User:name}
	 * @param topicPrefix the topics' prefix ({@code dictamesh.events.topics.prefix})
	 * @param group the consumer group
	 * @return the ACL binding
	 */
	AclBinding binding(String principal, String topicPrefix, String group) {
		ResourcePattern pattern = (this.resourceType == ResourceType.TOPIC)
				? new ResourcePattern(ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED)
				: new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL);
		return new AclBinding(pattern, new AccessControlEntry(principal, "*", this.operation, AclPermissionType.ALLOW));
	}

	/**
	 * Return the bindings of some of these ACLs for a service.
	 * @param acls the ACLs
	 * @param principal the service's principal
	 * @param topicPrefix the topics' prefix
	 * @param group the consumer group
	 * @return the bindings
	 */
	static List<AclBinding> bindings(Set<StarterAcl> acls, String principal, String topicPrefix, String group) {
		return acls.stream().map((acl) -> acl.binding(principal, topicPrefix, group)).collect(Collectors.toList());
	}

}
