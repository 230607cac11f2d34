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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.dictamesh.demo.KafkaBroker;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A single-node KRaft broker that only speaks TLS to clients and authorizes every request
 * with the {@code StandardAuthorizer} ({@code allow.everyone.if.no.acl.found=false}), in
 * a JVM of its own from the Kafka jars of Maven Central on the test classpath. Its
 * certificates and passwords are generated for the run. {@code User:admin} is the only
 * super user: the test's administrator, and the broker's own identity. Applications get
 * principals of their own and only the ACLs the test grants them, on one of two
 * listeners:
 * <ul>
 * <li>SASL_SSL ({@link #bootstrapServers()}) with SCRAM-SHA-512, whose users the test
 * creates ({@link #createUser(String, String)}, {@link #scram(String, String)}), and
 * PLAIN, whose one user, {@value #PLAIN_USER}, is in the broker's configuration
 * ({@link #plain()});</li>
 * <li>SSL with {@code ssl.client.auth=required} ({@link #sslBootstrapServers()}): mutual
 * TLS, the principal taken from the client certificate's {@code CN}
 * ({@link #createCertificate(String)}).</li>
 * </ul>
 * <p>
 * The controller listener speaks SASL_PLAINTEXT with PLAIN, as {@code User:admin}: KRaft
 * offers no SCRAM there, since it keeps the SCRAM credentials in the metadata log the
 * controller itself serves, and a PLAINTEXT listener would have needed
 * {@code User:ANONYMOUS} as a super user, which grants everything to whatever reaches the
 * port. The listener is bound to 127.0.0.1 and only the broker talks to it.
 * <p>
 * The process handling (format, start, wait, stop) repeats a little of the demo's
 * {@code KafkaBroker}, which speaks PLAINTEXT only.
 */
final class SecureKafkaBroker implements AutoCloseable {

	static final String ADMIN = "admin";

	/**
	 * The PLAIN user: PLAIN's users are the {@code user_<name>} entries of the listener's
	 * JAAS configuration, fixed when the broker starts, so the tests share this one.
	 */
	static final String PLAIN_USER = "plain-app";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final Path directory;

	private final int port = freePort();

	private final int sslPort = freePort();

	private final int controllerPort = freePort();

	private final TestCertificates certificates;

	private final String adminPassword = TestSecrets.password("admin SCRAM password");

	private final String plainPassword = TestSecrets.password(PLAIN_USER + " PLAIN password");

	private final Thread killer;

	private @Nullable Process process;

	private @Nullable Admin admin;

	private SecureKafkaBroker(Path directory, TestCertificates certificates) {
		this.directory = directory;
		this.certificates = certificates;
		// A test JVM that dies leaves no broker behind.
		this.killer = new Thread(() -> {
			Process running = this.process;
			if (running != null) {
				running.destroyForcibly();
			}
		});
		Runtime.getRuntime().addShutdownHook(this.killer);
	}

	/**
	 * Generate the certificates, format the storage with the admin's SCRAM credential,
	 * start the broker and wait until the admin is served over SASL_SSL.
	 * @param directory an empty directory for the certificates, the configuration, the
	 * data and the log
	 * @return the running broker
	 * @throws Exception if the broker cannot be started
	 */
	static SecureKafkaBroker start(Path directory) throws Exception {
		TestCertificates certificates = TestCertificates.generate(directory.resolve("certificates"));
		SecureKafkaBroker broker = new SecureKafkaBroker(directory, certificates);
		try {
			broker.run();
			return broker;
		}
		catch (Exception ex) {
			broker.close();
			throw ex;
		}
	}

	private void run() throws IOException, InterruptedException {
		Path properties = this.directory.resolve("server.properties");
		Files.writeString(properties, serverProperties());
		// KRaft keeps SCRAM credentials in the metadata log: the super user's must be
		// there before the broker can authenticate anyone over SCRAM. (The password is
		// on this process's command line: a test's, for one run.)
		Process format = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
				properties.toString(), "--add-scram",
				"SCRAM-SHA-512=[name=" + ADMIN + ",password=" + this.adminPassword + "]");
		if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
			throw new IllegalStateException("Formatting the secure broker's storage failed, see " + log());
		}
		Process broker = java("kafka.Kafka", properties.toString());
		this.process = broker;
		// The port first: an admin client asked before it is open logs a warning for
		// each attempt.
		await("the secure broker's port " + this.port + " (log " + log() + ")").atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.failFast("the secure broker exited at start-up, see " + log(), () -> !broker.isAlive())
			.until(() -> listens(this.port));
		Admin client = Admin.create(adminConfigs());
		this.admin = client;
		await("the secure broker at " + bootstrapServers() + " (log " + log() + ")").atMost(START_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.failFast("the secure broker exited at start-up, see " + log(), () -> !broker.isAlive())
			.until(() -> answers(client));
	}

	private String serverProperties() {
		String controllerJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
				+ "\" password=\"" + this.adminPassword + "\" user_" + ADMIN + "=\"" + this.adminPassword + "\";";
		// The broker side of PLAIN: the users it accepts, and nothing of its own, as it
		// speaks SCRAM to itself.
		String plainJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + PLAIN_USER + "=\""
				+ this.plainPassword + "\";";
		return String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + this.controllerPort,
				"listeners=SASL_SSL://127.0.0.1:" + this.port + ",SSL://127.0.0.1:" + this.sslPort
						+ ",CONTROLLER://127.0.0.1:" + this.controllerPort,
				"advertised.listeners=SASL_SSL://127.0.0.1:" + this.port + ",SSL://127.0.0.1:" + this.sslPort,
				"controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:SASL_PLAINTEXT",
				// The broker's own connections (to itself as a broker, and to the
				// controller) authenticate as the super user.
				"inter.broker.listener.name=SASL_SSL", "sasl.enabled.mechanisms=SCRAM-SHA-512,PLAIN",
				"sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
				"listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + jaasConfig(ADMIN, this.adminPassword),
				"listener.name.sasl_ssl.plain.sasl.jaas.config=" + plainJaas,
				// Mutual TLS: a client without a certificate the CA signed is refused at
				// the handshake. Its principal is the certificate's subject, which Kafka
				// would take whole (User:CN=mtls-app,OU=DictaMesh tests); the rule keeps
				// its CN, so that CN=<name>,... is User:<name> as a SASL user would be.
				"listener.name.ssl.ssl.client.auth=required",
				"listener.name.ssl.ssl.principal.mapping.rules=RULE:^CN=([^,]+),.*$/$1/,DEFAULT",
				"sasl.mechanism.controller.protocol=PLAIN", "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
				"listener.name.controller.plain.sasl.jaas.config=" + controllerJaas, "ssl.keystore.type=PKCS12",
				"ssl.keystore.location=" + this.certificates.keystore(),
				"ssl.keystore.password=" + this.certificates.keystorePassword(),
				"ssl.key.password=" + this.certificates.keystorePassword(), "ssl.truststore.type=PKCS12",
				"ssl.truststore.location=" + this.certificates.truststore(),
				"ssl.truststore.password=" + this.certificates.truststorePassword(),
				"authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
				"allow.everyone.if.no.acl.found=false", "super.users=User:" + ADMIN,
				// An application's topics exist only when it (or the admin) creates them,
				// so that the CREATE it needs is measured, not hidden by auto-creation.
				"auto.create.topics.enable=false", "log.dirs=" + this.directory.resolve("data"), "num.partitions=1",
				"offsets.topic.replication.factor=1", "offsets.topic.num.partitions=3",
				"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
				"share.coordinator.state.topic.replication.factor=1", "group.initial.rebalance.delay.ms=0", "");
	}

	private static boolean listens(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private boolean answers(Admin client) {
		try {
			return !client.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Return the address of the SASL_SSL listener (SCRAM-SHA-512 and PLAIN).
	 * @return the bootstrap servers
	 */
	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Return the address of the SSL listener, which requires a client certificate.
	 * @return the bootstrap servers
	 */
	String sslBootstrapServers() {
		return "127.0.0.1:" + this.sslPort;
	}

	Path truststore() {
		return this.certificates.truststore();
	}

	String truststorePassword() {
		return this.certificates.truststorePassword();
	}

	Path log() {
		return this.directory.resolve("broker.log");
	}

	/**
	 * Return the JAAS configuration of a SCRAM client, remembered as a secret.
	 * @param user the user
	 * @param password the user's password
	 * @return the {@code sasl.jaas.config} value
	 */
	static String jaasConfig(String user, String password) {
		return TestSecrets.remember("JAAS configuration of " + user,
				"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
						+ password + "\";");
	}

	/**
	 * Return the settings of a plain Kafka client of a user: SASL_SSL, SCRAM-SHA-512 and
	 * the run's trust store.
	 * @param user the user
	 * @param password the user's password
	 * @return the client settings
	 */
	Map<String, Object> clientConfigs(String user, String password) {
		return scram(user, password).clientConfigs();
	}

	/**
	 * Return how a SCRAM-SHA-512 user reaches the broker, over SASL_SSL.
	 * @param user the user ({@link #createUser(String, String)})
	 * @param password the password the client is given, right or wrong
	 * @return the client's security
	 */
	ClientSecurity scram(String user, String password) {
		return sasl(user, "SCRAM-SHA-512", jaasConfig(user, password));
	}

	/**
	 * Return how the PLAIN user, {@value #PLAIN_USER}, reaches the broker, over SASL_SSL.
	 * @return the client's security
	 */
	ClientSecurity plain() {
		String jaas = TestSecrets.remember("JAAS configuration of " + PLAIN_USER,
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + PLAIN_USER
						+ "\" password=\"" + this.plainPassword + "\";");
		return sasl(PLAIN_USER, "PLAIN", jaas);
	}

	private ClientSecurity sasl(String user, String mechanism, String jaas) {
		Map<String, Object> spring = springTls(bootstrapServers(), "SASL_SSL");
		spring.put("spring.kafka.properties.sasl.mechanism", mechanism);
		spring.put("spring.kafka.properties.sasl.jaas.config", jaas);
		Map<String, Object> client = clientTls(bootstrapServers(), "SASL_SSL");
		client.put(SaslConfigs.SASL_MECHANISM, mechanism);
		client.put(SaslConfigs.SASL_JAAS_CONFIG, jaas);
		return new ClientSecurity("User:" + user, mechanism, spring, client);
	}

	/**
	 * Generate a client certificate signed by the run's CA and return how its holder
	 * reaches the broker, over SSL with mutual TLS.
	 * @param name the certificate's {@code CN}, which the broker maps to the principal
	 * {@code User:<name>}
	 * @return the client's security
	 * @throws Exception if the certificate cannot be generated
	 */
	ClientSecurity createCertificate(String name) throws Exception {
		TestCertificates.ClientKeyStore keystore = this.certificates.generateClient(name);
		Map<String, Object> spring = springTls(sslBootstrapServers(), "SSL");
		spring.put("spring.kafka.ssl.key-store-location", keystore.location().toUri().toString());
		spring.put("spring.kafka.ssl.key-store-password", keystore.password());
		spring.put("spring.kafka.ssl.key-store-type", "PKCS12");
		Map<String, Object> client = clientTls(sslBootstrapServers(), "SSL");
		client.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
		client.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.location().toString());
		client.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystore.password());
		return new ClientSecurity("User:" + name, "mutual TLS", spring, client);
	}

	/**
	 * Return how a client reaches the SSL listener that trusts the broker but has no
	 * certificate of its own to show: the mistake of a key store left out.
	 * @return the client's security, its principal unknown to the broker
	 */
	ClientSecurity withoutCertificate() {
		return new ClientSecurity("User:<none: no client certificate>", "TLS without a client certificate",
				springTls(sslBootstrapServers(), "SSL"), clientTls(sslBootstrapServers(), "SSL"));
	}

	// What every client of a listener needs: its address, its protocol and the trust
	// store that verifies the broker.
	private Map<String, Object> springTls(String bootstrapServers, String protocol) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
		properties.put("spring.kafka.security.protocol", protocol);
		properties.put("spring.kafka.ssl.trust-store-location", truststore().toUri().toString());
		properties.put("spring.kafka.ssl.trust-store-password", truststorePassword());
		properties.put("spring.kafka.ssl.trust-store-type", "PKCS12");
		return properties;
	}

	private Map<String, Object> clientTls(String bootstrapServers, String protocol) {
		Map<String, Object> configs = new HashMap<>();
		configs.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		configs.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
		configs.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
		configs.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore().toString());
		configs.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword());
		return configs;
	}

	/**
	 * Return the settings of the test's own clients: the super user's.
	 * @return the client settings
	 */
	Map<String, Object> adminConfigs() {
		Map<String, Object> configs = clientConfigs(ADMIN, this.adminPassword);
		configs.put(AdminClientConfig.CLIENT_ID_CONFIG, "secure-broker-test-admin");
		return configs;
	}

	/**
	 * Create a SCRAM-SHA-512 user, as the super user, and wait until the broker
	 * authenticates it.
	 * @param user the user's name
	 * @param password the user's password
	 * @throws Exception if the credential cannot be created
	 */
	void createUser(String user, String password) throws Exception {
		admin()
			.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
			.all()
			.get(30, TimeUnit.SECONDS);
		// The controller has the credential; the broker serves it once it applied the
		// metadata record.
		Map<String, Object> configs = clientConfigs(user, password);
		configs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
		configs.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
		try (Admin client = Admin.create(configs)) {
			await("user " + user + " authenticated").atMost(Duration.ofSeconds(30)).until(() -> answers(client));
		}
	}

	/**
	 * Grant ACLs, as the super user, and wait until the broker's authorizer has them.
	 * @param acls the ACLs
	 * @throws Exception if they cannot be created
	 */
	void grant(Collection<AclBinding> acls) throws Exception {
		if (acls.isEmpty()) {
			return;
		}
		admin().createAcls(acls).all().get(30, TimeUnit.SECONDS);
		// The broker answers DescribeAcls from its own authorizer, which applies the
		// controller's records a moment after the create returned.
		await("ACLs granted: " + acls).atMost(Duration.ofSeconds(30)).until(() -> granted().containsAll(acls));
	}

	/**
	 * Revoke ACLs, as the super user, and wait until the broker's authorizer no longer
	 * has them.
	 * @param acls the ACLs
	 * @throws Exception if they cannot be deleted
	 */
	void revoke(Collection<AclBinding> acls) throws Exception {
		if (acls.isEmpty()) {
			return;
		}
		admin().deleteAcls(acls.stream().map(AclBinding::toFilter).toList()).all().get(30, TimeUnit.SECONDS);
		await("ACLs revoked: " + acls).atMost(Duration.ofSeconds(30))
			.until(() -> acls.stream().noneMatch(granted()::contains));
	}

	/**
	 * Return the ACLs the broker's authorizer holds.
	 * @return the ACLs
	 * @throws Exception if they cannot be read
	 */
	Set<AclBinding> granted() throws Exception {
		return Set
			.copyOf(admin().describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY, AccessControlEntryFilter.ANY))
				.values()
				.get(30, TimeUnit.SECONDS));
	}

	/**
	 * Create topics, as the super user; topics that exist already are left as they are.
	 * @param topics the topics
	 * @throws Exception if a topic cannot be created
	 */
	void createTopics(Collection<NewTopic> topics) throws Exception {
		try {
			admin().createTopics(topics).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	/**
	 * Return the super user's admin client, for what the helpers here do not cover.
	 * @return the admin client, closed with the broker
	 */
	Admin admin() {
		Admin client = this.admin;
		if (client == null) {
			throw new IllegalStateException("The secure broker is not running");
		}
		return client;
	}

	@Override
	public void close() throws InterruptedException {
		Admin client = this.admin;
		if (client != null) {
			client.close(Duration.ofSeconds(5));
			this.admin = null;
		}
		Process running = this.process;
		if (running != null) {
			running.destroy();
			if (!running.waitFor(30, TimeUnit.SECONDS)) {
				running.destroyForcibly();
				running.waitFor(30, TimeUnit.SECONDS);
			}
			this.process = null;
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.killer);
		}
		catch (IllegalStateException ex) {
			// shutting down already
		}
	}

	@Override
	public String toString() {
		return "SecureKafkaBroker[" + bootstrapServers() + ", log " + log() + "]";
	}

	private Process java(String mainClass, String... arguments) throws IOException {
		Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(
				List.of(javaBin.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
			.start();
	}

	private static int freePort() {
		return KafkaBroker.freePort();
	}

}
