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
package com.dictamesh.reliability.service;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A service that publishes through the outbox and consumes its own events, run by the
 * reliability scenarios in a JVM of its own so that it can be killed. The harness passes
 * the database, the broker and the load as arguments.
 */
@SpringBootApplication
@EnableConfigurationProperties(LoadProperties.class)
public class ReliabilityService {

	public static void main(String[] args) {
		// Its own configuration file, not application.yml: the scenarios that run their
		// services inside the harness's JVM share this classpath.
		new SpringApplicationBuilder(ReliabilityService.class).properties("spring.config.name=reliability-service")
			.run(args);
	}

}
