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

package com.dictamesh.demo;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * How the demo ends the JVMs it started: gracefully (SIGTERM, as Ctrl-C would), or as
 * {@code kill -9} would.
 */
final class ChildProcesses {

	private static final long GRACE_SECONDS = 30;

	private ChildProcesses() {
	}

	/**
	 * Ask the process to stop and wait for it, forcibly after 30 seconds.
	 * @param process the process, or {@code null} when none runs
	 * @throws InterruptedException if interrupted while waiting
	 */
	static void stop(@Nullable Process process) throws InterruptedException {
		if (process != null) {
			process.destroy();
			if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
				kill(process);
			}
		}
	}

	/**
	 * End the process at once and wait for it.
	 * @param process the process, or {@code null} when none runs
	 * @throws InterruptedException if interrupted while waiting
	 */
	static void kill(@Nullable Process process) throws InterruptedException {
		if (process != null) {
			process.destroyForcibly();
			process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
		}
	}

}
