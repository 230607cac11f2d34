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

package com.dictamesh.events;

import java.util.function.Supplier;

import com.dictamesh.events.kafka.EventHeaders;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Where the event being handled came from, for a {@link DictameshEventHandler} method
 * that declares a parameter of this type.
 * <p>
 * Its static methods give access to the causal context of the running code
 * ({@link CausalContext}): {@link #current()} reads it, {@link #runWith} and
 * {@link #callWith} run a block in another one. The starter sets it around every handler
 * call, so events published by the handler, or by code it calls, name the handled event
 * as their cause and stay in its flow.
 *
 * @param handlerId id of the handler method
 * @param groupId consumer group of the handler
 * @param topic the record's topic
 * @param partition the record's partition
 * @param offset the record's offset
 * @param key the record's key
 * @param headers the record's headers
 * @param attempt delivery attempt of this record, {@code 1} the first time
 */
public record EventContext(String handlerId, String groupId, String topic, int partition, long offset,
		@Nullable String key, Headers headers, int attempt) {

	/**
	 * Return the last value of a header as a string.
	 * @param name the header name
	 * @return the value or {@code null}
	 */
	public @Nullable String header(String name) {
		return EventHeaders.lastValue(this.headers, name);
	}

	/**
	 * Return the causal context of the running code.
	 * @return the context, or {@code null} outside any handler, request or
	 * {@link #runWith} block
	 */
	public static @Nullable CausalContext current() {
		return CausalContextHolder.get();
	}

	/**
	 * Run a block in a causal context, and restore the previous one afterwards.
	 * @param context the context, or {@code null} to run the block outside any
	 * @param block the block
	 */
	public static void runWith(@Nullable CausalContext context, Runnable block) {
		try (Scope scope = open(context)) {
			block.run();
		}
	}

	/**
	 * Call a block in a causal context, and restore the previous one afterwards.
	 * @param <T> the type of the result
	 * @param context the context, or {@code null} to call the block outside any
	 * @param block the block
	 * @return the block's result
	 */
	public static <T> T callWith(@Nullable CausalContext context, Supplier<T> block) {
		try (Scope scope = open(context)) {
			return block.get();
		}
	}

	/**
	 * Make a causal context current until the returned scope is closed, which restores
	 * the previous one. Close it in the thread that opened it.
	 * @param context the context, or {@code null} for none
	 * @return the scope
	 */
	public static Scope open(@Nullable CausalContext context) {
		CausalContext previous = CausalContextHolder.get();
		CausalContextHolder.set(context);
		return () -> CausalContextHolder.set(previous);
	}

	/**
	 * A causal context, or MDC entries, made current until closed.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		/**
		 * Restore what was current before.
		 */
		@Override
		void close();

	}

}
