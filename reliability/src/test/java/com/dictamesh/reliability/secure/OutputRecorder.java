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

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Records everything written to {@code System.out} and {@code System.err} from its start
 * to its close, while still writing it through: the whole log of a service that lives
 * across a test class's methods. (Spring Boot's {@code OutputCaptureExtension} keeps what
 * a test method wrote only until that method ends.) Logback's console appender looks the
 * stream up on each write, so it writes here too.
 */
public final class OutputRecorder implements AutoCloseable {

	private final PrintStream out;

	private final PrintStream err;

	private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();

	private OutputRecorder() {
		this.out = System.out;
		this.err = System.err;
		System.setOut(new PrintStream(new Tee(this.out), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(new Tee(this.err), true, StandardCharsets.UTF_8));
	}

	public static OutputRecorder start() {
		return new OutputRecorder();
	}

	/**
	 * Return what was written so far.
	 * @return the output
	 */
	public String output() {
		synchronized (this.recorded) {
			return this.recorded.toString(StandardCharsets.UTF_8);
		}
	}

	/**
	 * Return how many bytes were written so far.
	 * @return the size of the output
	 */
	int size() {
		synchronized (this.recorded) {
			return this.recorded.size();
		}
	}

	/**
	 * Return what was written after a point.
	 * @param size the output's size at that point
	 * @return the output written since
	 */
	String since(int size) {
		synchronized (this.recorded) {
			byte[] bytes = this.recorded.toByteArray();
			return new String(bytes, size, bytes.length - size, StandardCharsets.UTF_8);
		}
	}

	@Override
	public void close() {
		System.setOut(this.out);
		System.setErr(this.err);
	}

	/**
	 * Writes to a stream and to the record.
	 */
	private final class Tee extends OutputStream {

		private final OutputStream target;

		Tee(OutputStream target) {
			this.target = target;
		}

		@Override
		public void write(int b) {
			synchronized (OutputRecorder.this.recorded) {
				OutputRecorder.this.recorded.write(b);
			}
			writeThrough(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			synchronized (OutputRecorder.this.recorded) {
				OutputRecorder.this.recorded.write(bytes, offset, length);
			}
			writeThrough(bytes, offset, length);
		}

		private void writeThrough(byte[] bytes, int offset, int length) {
			try {
				this.target.write(bytes, offset, length);
			}
			catch (java.io.IOException ex) {
				// The stream behind keeps its own errors, as a PrintStream does.
			}
		}

		@Override
		public void flush() throws java.io.IOException {
			this.target.flush();
		}

	}

}
