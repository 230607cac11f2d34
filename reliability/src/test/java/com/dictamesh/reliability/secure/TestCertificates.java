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
 * generated at test time with the JDK's {@code keytool} into a directory, and client key
 * pairs it signs on demand for mutual TLS ({@link #generateClient(String)}): nothing is
 * committed, so nothing expires in the repository. The broker's certificate names
 * {@code IP:127.0.0.1} (and {@code localhost}), so clients verify the host name as in
 * production. Passwords are random per run and reach {@code keytool} through its
 * environment, never its command line.
 *
 * @param directory the directory of the stores and of keytool's log
 * @param caPassword the password of the CA's key store, which signs the client
 * certificates
 * @param keystorePassword the broker key store's password, also its key's
 * @param truststorePassword the trust store's password
 */
record TestCertificates(Path directory, String caPassword, String keystorePassword, String truststorePassword) {

	// Two days: enough for any run, and a certificate that leaks is of no use after.
	private static final String VALIDITY_DAYS = "2";

	private static final String CA_PASSWORD = "DICTAMESH_CA_PASSWORD";

	private static final String KEYSTORE_PASSWORD = "DICTAMESH_KEYSTORE_PASSWORD";

	private static final String TRUSTSTORE_PASSWORD = "DICTAMESH_TRUSTSTORE_PASSWORD";

	private static final String CLIENT_PASSWORD = "DICTAMESH_CLIENT_KEYSTORE_PASSWORD";

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
		TestCertificates certificates = new TestCertificates(directory, caPassword, keystorePassword,
				truststorePassword);
		Keytool keytool = new Keytool(directory, Map.of(CA_PASSWORD, caPassword, KEYSTORE_PASSWORD, keystorePassword,
				TRUSTSTORE_PASSWORD, truststorePassword));
		Path ca = certificates.ca();
		Path keystore = certificates.keystore();
		Path truststore = certificates.truststore();
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
		return certificates;
	}

	/**
	 * Generate a client's key pair and its certificate, signed by the CA, into a PKCS12
	 * key store of its own with a random password: a client that presents it to a
	 * listener with {@code ssl.client.auth=required} is authenticated by it.
	 * @param name the client's name, the certificate's {@code CN}: its subject is
	 * {@code CN=<name>,OU=DictaMesh tests}
	 * @return the client's key store, which also holds the CA's certificate
	 * @throws IOException if keytool cannot be run
	 * @throws InterruptedException if interrupted while keytool runs
	 */
	ClientKeyStore generateClient(String name) throws IOException, InterruptedException {
		String password = TestSecrets.password(name + " client key store password");
		Keytool keytool = new Keytool(this.directory, Map.of(CA_PASSWORD, this.caPassword, CLIENT_PASSWORD, password));
		Path keystore = this.directory.resolve("client-" + name + ".p12");
		keytool.run("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=" + name + ",OU=DictaMesh tests", "-validity", VALIDITY_DAYS, "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass:env", CLIENT_PASSWORD);
		keytool.run("-certreq", "-alias", name, "-keystore", keystore.toString(), "-storepass:env", CLIENT_PASSWORD,
				"-file", name + ".csr");
		// A client certificate: no host names, and only clientAuth, so that it could not
		// serve as a broker's.
		keytool.run("-gencert", "-alias", "ca", "-keystore", ca().toString(), "-storepass:env", CA_PASSWORD, "-infile",
				name + ".csr", "-outfile", name + ".crt", "-rfc", "-validity", VALIDITY_DAYS, "-ext", "EKU=clientAuth");
		// ca.crt is the broker's run's export; the CA first, as for the broker.
		keytool.run("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", keystore.toString(),
				"-storepass:env", CLIENT_PASSWORD);
		keytool.run("-importcert", "-alias", name, "-file", name + ".crt", "-keystore", keystore.toString(),
				"-storepass:env", CLIENT_PASSWORD);
		return new ClientKeyStore(keystore, password);
	}

	/**
	 * Return the CA's PKCS12 key store: its key and its self-signed certificate.
	 * @return the CA's key store
	 */
	Path ca() {
		return this.directory.resolve("ca.p12");
	}

	/**
	 * Return the broker's PKCS12 key store: its key, its certificate and the CA's.
	 * @return the broker's key store
	 */
	Path keystore() {
		return this.directory.resolve("broker.p12");
	}

	/**
	 * Return the PKCS12 trust store holding the CA's certificate.
	 * @return the trust store
	 */
	Path truststore() {
		return this.directory.resolve("truststore.p12");
	}

	@Override
	public String toString() {
		// Not the record's own: that would print the passwords.
		return "TestCertificates[" + this.directory + "]";
	}

	/**
	 * A client's PKCS12 key store for mutual TLS.
	 *
	 * @param location the key store: the client's key, its certificate and the CA's
	 * @param password the key store's password, also its key's (PKCS12 has one for both)
	 */
	record ClientKeyStore(Path location, String password) {

		@Override
		public String toString() {
			return "ClientKeyStore[" + this.location + "]";
		}

	}

	/**
	 * The JDK's keytool, run as a process in the certificates' directory.
	 */
	private static final class Keytool {

		private final Path directory;

		private final Map<String, String> environment;

		/**
		 * Create a keytool of a directory.
		 * @param directory the working directory, also of the log
		 * @param passwords the passwords the commands name with {@code :env}, by variable
		 */
		Keytool(Path directory, Map<String, String> passwords) {
			this.directory = directory;
			this.environment = passwords;
		}

		void run(String... arguments) throws IOException, InterruptedException {
			Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
			// A quick start matters more than a fast run: short-lived JVMs, eight for the
			// broker and five for each client.
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
