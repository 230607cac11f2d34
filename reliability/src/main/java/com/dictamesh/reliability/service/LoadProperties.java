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

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The load the service writes.
 */
@ConfigurationProperties("reliability")
class LoadProperties {

	/**
	 * Orders to have written in total, counting those of earlier runs on the same
	 * database.
	 */
	private int orders = 1000;

	/**
	 * Orders written per second; zero writes as fast as the database takes them.
	 */
	private int rate;

	/**
	 * Entity ids the orders are spread over, order {@code seq} on entity
	 * {@code seq % keys}, so that each key has a sequence of events whose order can be
	 * checked; zero gives each order an entity of its own.
	 */
	private int keys;

	/**
	 * File created once the service has started, for the harness to wait on.
	 */
	private @Nullable Path readyFile;

	/**
	 * File whose existence starts the writing, for a harness that first waits for several
	 * instances to share the work; without one the service writes once started.
	 */
	private @Nullable Path startFile;

	public int getOrders() {
		return this.orders;
	}

	public void setOrders(int orders) {
		this.orders = orders;
	}

	public int getRate() {
		return this.rate;
	}

	public void setRate(int rate) {
		this.rate = rate;
	}

	public int getKeys() {
		return this.keys;
	}

	public void setKeys(int keys) {
		this.keys = keys;
	}

	public @Nullable Path getReadyFile() {
		return this.readyFile;
	}

	public void setReadyFile(@Nullable Path readyFile) {
		this.readyFile = readyFile;
	}

	public @Nullable Path getStartFile() {
		return this.startFile;
	}

	public void setStartFile(@Nullable Path startFile) {
		this.startFile = startFile;
	}

}
