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

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.util.FileSystemUtils;

/**
 * Hands one {@link SecureKafkaBroker} to every test class of the run that asks for it (a
 * parameter of a {@code @BeforeAll} method, say), started on first use and stopped when
 * the run ends: generating certificates and starting a broker costs seconds that the
 * suite's budget has no room for per class. Each class keeps apart from the others with
 * users, consumer groups and topic prefixes of its own. The broker's directory,
 * {@code target/secure-broker}, is emptied at the start and kept after the run, for its
 * log.
 */
final class SecureBrokerExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(SecureBrokerExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == SecureKafkaBroker.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return extensionContext.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(RunningBroker.class, (key) -> RunningBroker.start(), RunningBroker.class)
			.broker();
	}

	/**
	 * The broker, stopped when the run's store is closed.
	 */
	private record RunningBroker(SecureKafkaBroker broker) implements AutoCloseable {

		static RunningBroker start() {
			// Surefire runs in the module's directory.
			Path root = Path.of("target", "secure-broker").toAbsolutePath();
			// The File variant: the Path one declares an IOException this factory cannot
			// throw.
			FileSystemUtils.deleteRecursively(root.toFile());
			try {
				return new RunningBroker(SecureKafkaBroker.start(Files.createDirectories(root.resolve("1"))));
			}
			catch (Exception ex) {
				// Once more, on other free ports: a port chosen free may be taken by
				// another process of the suite before the broker binds it. The first
				// attempt's directory and log stay for a look.
				try {
					return new RunningBroker(SecureKafkaBroker.start(Files.createDirectories(root.resolve("2"))));
				}
				catch (Exception again) {
					again.addSuppressed(ex);
					throw new IllegalStateException("The secure broker could not be started", again);
				}
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.broker.close();
		}

	}

}
