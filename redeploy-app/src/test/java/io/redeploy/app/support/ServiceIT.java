package io.redeploy.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.redeploy.docker.testing.TestImages;

/**
 * Base of the integration tests that drive the whole service over HTTP, against the real Docker
 * engine and a real (embedded) PostgreSQL. Every subclass shares one running service, one database
 * and the test images, which are built once. A {@link StepGate} lets a test act between two steps of a
 * redeploy; it is part of the one context, so that every subclass still shares it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(StepGate.class)
public abstract class ServiceIT {

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "admin-secret";

	public static final String ALICE = "alice";

	public static final String BOB = "bob";

	public static final String PASSWORD = "correct horse battery staple";

	protected static final String CONTROL = "environment/control/rest/";

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	private int port;

	protected ApiClient api;

	@DynamicPropertySource
	static void serviceProperties(DynamicPropertyRegistry registry) {
		registry.add("redeploy.data-dir", DATA_DIR::toString);
		registry.add("redeploy.admin.password", () -> ADMIN_PASSWORD);
		registry.add("redeploy.users[0].login", () -> ALICE);
		registry.add("redeploy.users[0].password", () -> PASSWORD);
		registry.add("redeploy.users[1].login", () -> BOB);
		registry.add("redeploy.users[1].password", () -> PASSWORD);
		registry.add("redeploy.docker.stop-timeout", () -> "5s");
	}

	@BeforeAll
	static void buildTestImages() {
		TestImages.ensureBuilt();
	}

	@BeforeEach
	protected void connect() {
		this.api = new ApiClient(this.port);
	}

	protected int port() {
		return this.port;
	}

	/** Creates an environment of the given node groups and returns its name. */
	protected String createEnvironment(String session, String prefix, List<Map<String, Object>> nodeGroups) {
		String envName = uniqueEnvName(prefix);
		ApiClient.Answer created = this.api.post(CONTROL + "createenvironment", "session", session, "env",
				ApiClient.json(Map.of("shortdomain", envName)), "nodes", ApiClient.json(nodeGroups));
		if (created.status() != 200) {
			throw new IllegalStateException("Creating " + envName + " failed: " + created);
		}
		return envName;
	}

	/** The environment's nodes as getenvinfo shows them. */
	protected List<JsonNode> nodes(String session, String envName) {
		return this.api.get(CONTROL + "getenvinfo", "session", session, "envName", envName).json().get("nodes").valueStream().toList();
	}

	/** The ids of the environment's nodes in a group. */
	protected List<Long> nodeIds(String session, String envName, String nodeGroup) {
		return nodes(session, envName).stream()
			.filter((node) -> node.get("nodeGroup").asString().equals(nodeGroup))
			.map((node) -> node.get("id").asLong())
			.toList();
	}

	/** One node as getenvinfo shows it. */
	protected JsonNode node(String session, String envName, long nodeId) {
		return nodes(session, envName).stream().filter((node) -> node.get("id").asLong() == nodeId).findFirst().orElseThrow();
	}

	/** Runs a shell command on a node and returns its standard output. */
	protected String exec(String session, String envName, long nodeId, String command) {
		ApiClient.Answer answer = this.api.post(CONTROL + "execcmdbyid", "session", session, "envName", envName, "nodeId",
				nodeId, "commandList", ApiClient.json(List.of(Map.of("command", command))));
		if (answer.status() != 200) {
			throw new IllegalStateException("exec on node " + nodeId + " failed: " + answer);
		}
		return answer.json().get("responses").get(0).get("out").asString();
	}

	protected void deleteEnvironment(String session, String envName) {
		this.api.post(CONTROL + "deleteenv", "session", session, "envName", envName);
	}

	/** A fresh environment name, so that tests never collide. */
	protected static String uniqueEnvName(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
	}

	private static Path createDataDir() {
		try {
			// under target/, so that "mvn clean" removes the database and archives the tests leave
			Path target = Files.createDirectories(Path.of("target"));
			return Files.createTempDirectory(target.toAbsolutePath(), "it-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
