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

package com.dictamesh.samples.search;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports the index as the {@code productIndex} health component: UP with its document
 * count and path, DOWN when it cannot be read or a failure (such as a full disk) closed
 * its writer, which stops indexing until the service restarts.
 */
@Component
public class ProductIndexHealthIndicator implements HealthIndicator {

	private final ProductIndex index;

	public ProductIndexHealthIndicator(ProductIndex index) {
		this.index = index;
	}

	@Override
	public Health health() {
		Health.Builder builder = new Health.Builder().withDetail("path", this.index.path().toString());
		if (!this.index.isOpen()) {
			Throwable failure = this.index.failure();
			return builder.down()
				.withDetail("error", (failure != null) ? failure.toString() : "The index writer is closed")
				.build();
		}
		try {
			return builder.up().withDetail("documents", this.index.count()).build();
		}
		catch (Exception ex) {
			return builder.down(ex).build();
		}
	}

}
