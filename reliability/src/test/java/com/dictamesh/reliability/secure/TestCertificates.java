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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority, a broker key pair it signed and a truststore holding it,
 * generated at test time with the JDK's {@code keytool} into a directory: nothing is
 * committed, so nothing expires in the repository. The broker's certificate names
 * {@code IP:127.0.0.1} (and {@code localhost}), so clients verify the host name as in
 * production. Passwords are random per run and reach {@code keytool} through its
 * environment, never its command line.
 *
 * @param keystore the broker's PKCS12 key store: its key, its certificate and the CA's
 * @param keystorePassword the key store's password, also its key's
 * @param truststore the PKCS12 trust store holding the CA's certificate
 * @param truststorePassword the trust store's password
 */
record TestCertificates(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {

	// Two days: enough for any run, and a certificate that leaks is of no use after.
	private static final String VALIDITY_DAYS = "2";

	private static final String CA_PASSWORD = "DICTAMESH_CA_PASSWORD";

	private static final String KEYSTORE_PASSWORD = "DICTAMESH_KEYSTORE_PASSWORD";

	private static final String TRUSTSTORE_PASSWORD = "DICTAMESH_TRUSTSTORE_PASSWORD";

	/**
	 * Generate the CA, the broker's key store and the trust store in a directory.
	 * @param directory the directory, created when missing
	 * @return the stores and their passwords
	 * @throws IOException if keytool cannot be run
	 * @throws InterruptedException if interrupted while keytool runs
	 */
	static TestCertificates generate(Path directory) throws IOException, InterruptedException {
		Files.createDirectories(directory);
		String caPassword = TestSecrets.password("CA key store password");
		String keystorePassword = TestSecrets.password("broker key store password");
		String truststorePassword = TestSecrets.password("trust store password");
		Keytool keytool = new Keytool(directory, caPassword, keystorePassword, truststorePassword);
		Path ca = directory.resolve("ca.p12");
		Path keystore = directory.resolve("broker.p12");
		Path truststore = directory.resolve("truststore.p12");
		// EC keys: generated in milliseconds where RSA takes a noticeable part of a
		// second on a busy machine.
		keytool.run("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=DictaMesh test CA", "-ext", "bc:c", "-validity", VALIDITY_DAYS, "-storetype", "PKCS12", "-keystore",
				ca.toString(), "-storepass:env", CA_PASSWORD);
		keytool.run("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-validity", VALIDITY_DAYS, "-storetype", "PKCS12", "-keystore", keystore.toString(),
				"-storepass:env", KEYSTORE_PASSWORD);
		keytool.run("-certreq", "-alias", "broker", "-keystore", keystore.toString(), "-storepass:env",
				KEYSTORE_PASSWORD, "-file", "broker.csr");
		keytool.run("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass:env", CA_PASSWORD, "-infile",
				"broker.csr", "-outfile", "broker.crt", "-rfc", "-validity", VALIDITY_DAYS, "-ext",
				"SAN=IP:127.0.0.1,DNS:localhost", "-ext", "EKU=serverAuth,clientAuth");
		keytool.run("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-storepass:env", CA_PASSWORD, "-rfc",
				"-file", "ca.crt");
		// The CA first, so that keytool accepts the signed certificate as a reply
		// whose chain it can complete.
		keytool.run("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", keystore.toString(),
				"-storepass:env", KEYSTORE_PASSWORD);
		keytool.run("-importcert", "-alias", "broker", "-file", "broker.crt", "-keystore", keystore.toString(),
				"-storepass:env", KEYSTORE_PASSWORD);
		keytool.run("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-storetype", "PKCS12", "-keystore",
				truststore.toString(), "-storepass:env", TRUSTSTORE_PASSWORD);
		return new TestCertificates(keystore, keystorePassword, truststore, truststorePassword);
	}

	@Override
	public String toString() {
		// Not the record's own: that would print the passwords.
		return "TestCertificates[keystore=" + this.keystore + ", truststore=" + this.truststore + "]";
	}

	/**
	 * The JDK's keytool, run as a process in the certificates' directory.
	 */
	private static final class Keytool {

		private final Path directory;

		private final Map<String, String> environment;

		Keytool(Path directory, String caPassword, String keystorePassword, String truststorePassword) {
			this.directory = directory;
			this.environment = Map.of(CA_PASSWORD, caPassword, KEYSTORE_PASSWORD, keystorePassword, TRUSTSTORE_PASSWORD,
					truststorePassword);
		}

		void run(String... arguments) throws IOException, InterruptedException {
			Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
			// A quick start matters more than a fast run: eight short-lived JVMs.
			List<String> command = new ArrayList<>(
					List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
			command.addAll(List.of(arguments));
			Path log = this.directory.resolve("keytool.log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(this.environment);
			Process process = builder.start();
			if (!process.waitFor(1, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool " + arguments[0] + " did not end within a minute");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						"keytool " + arguments[0] + " failed with exit code " + process.exitValue() + ", see " + log);
			}
		}

	}

}
