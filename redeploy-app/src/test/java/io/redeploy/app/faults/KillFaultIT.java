package io.redeploy.app.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.redeploy.app.support.ApiClient;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety. The service runs as a process of its own and is killed with SIGKILL while a redeploy
 * (or rollback) is at a chosen step, where the test-only {@code redeploy.testing.halt-at} hook holds its
 * nodes, then started again on the same data directory; in a few cases its embedded PostgreSQL is
 * killed with it, so what the journal and the commit wrote must be on disk. Each time every node must
 * run on its old version, or on the new one once its commit is written, with every preserved file
 * byte-identical (sha256) to the start; the node's record must name the container that runs under its
 * name, and the engine must hold nothing but the nodes' containers and their recorded snapshots. Each
 * restart is also the next case's start, and the next redeploy of the same nodes is the proof that
 * nothing was left locked or half-named; a last round redeploys every environment without a fault.
 */
class KillFaultIT {

	private static final String CONTROL = "environment/control/rest/";

	private static final String USER = "kim";

	private static final String PASSWORD = "kill -9 and carry on";

	/** In the platform directory, in a volume, and under a path redeploy.conf keeps. */
	private static final List<String> FILES = List.of("/var/lib/jelastic/kill/blob.bin", "/data/blob.bin",
			"/opt/keep/blob.bin", "/opt/keep/deep/small.txt");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final List<KillCase> CASES = cases();

	private static Path dataDir;

	private static ServiceProcess service;

	private static final Map<Layer, String> environments = new EnumMap<>(Layer.class);

	/** Each node's files as they were written, before any redeploy. */
	private static final Map<Long, Map<String, String>> originals = new LinkedHashMap<>();

	private ApiClient api;

	private String session;

	private int dataLost;

	@BeforeAll
	static void startTheService() throws IOException {
		TestImages.ensureBuilt();
		dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "kill-data-");
		service = new ServiceProcess(dataDir, List.of("--redeploy.admin.password=admin-secret",
				"--redeploy.users[0].login=" + USER, "--redeploy.users[0].password=" + PASSWORD,
				"--redeploy.docker.stop-timeout=2s", "--redeploy.redeploys.poll-interval=200ms",
				"--logging.level.io.redeploy=INFO"), USER, PASSWORD);
		service.start(haltSettings(0), START_TIMEOUT);
	}

	@AfterAll
	static void removeEverything() {
		if (service != null) {
			service.close();
		}
		environments.values().forEach((envName) -> TestDocker.removeAll(Map.of(NodeContainers.LABEL_ENVIRONMENT, envName)));
	}

	@Test
	void aServiceKilledAtAnyStepOfARedeployRestartsWithEveryNodeRunningOnOneVersionAndItsDataWhole() {
		this.api = service.api();
		this.session = this.api.signIn(USER, PASSWORD);
		for (Layer layer : Layer.values()) {
			environments.put(layer, createEnvironmentWithData(layer));
		}
		List<String> failures = new ArrayList<>();
		int passed = 0;
		long started = System.nanoTime();
		for (int i = 0; i < CASES.size(); i++) {
			try {
				killAndRecover(i);
				passed++;
			}
			catch (AssertionError | RuntimeException ex) {
				failures.add(CASES.get(i) + ": " + ex.getMessage());
				System.out.println("kill at " + CASES.get(i) + ": FAILED " + ex.getMessage());
				restartAfterAFailedCase(i);
			}
		}
		try {
			everyEnvironmentRedeploysCleanly();
		}
		catch (AssertionError | RuntimeException ex) {
			failures.add("the redeploy after all kills: " + ex.getMessage());
		}
		System.out.printf("kill faults: %d cases tried, %d passed, %d data lost (%d s)%n", CASES.size(), passed,
				this.dataLost, Duration.ofNanos(System.nanoTime() - started).toSeconds());
		environments.values().forEach((envName) -> this.api.post(CONTROL + "deleteenv", "session", this.session, "envName", envName));
		assertThat(failures).isEmpty();
		assertThat(this.dataLost).isZero();

		ProcessHandle postgres = service.postmaster().orElseThrow();
		service.stop();
		assertThat(postgres.onExit()).as("an orderly stop stops the embedded PostgreSQL").succeedsWithin(Duration.ofSeconds(10));
	}

	/** Case {@code i}: redeploy, halt, SIGKILL, restart (with case i+1's halt point), check. */
	private void killAndRecover(int i) {
		KillCase kill = CASES.get(i);
		long started = System.nanoTime();
		String envName = environments.get(kill.layer());
		List<Long> ids = nodeIds(envName);
		Map<Long, String> before = tags(envName);
		String target = (kill.rollback()) ? latestSnapshotTag(envName, ids.get(0)) : other(before.get(ids.get(0)));
		startOperation(kill, envName, target);
		String operationId = awaitHalted(i, kill.layer() == Layer.SIMULTANEOUS ? ids.size() : 1);

		ProcessHandle postgres = service.postmaster().orElseThrow(() -> new AssertionError("no embedded PostgreSQL runs"));
		if (kill.withDatabase()) {
			service.killWithDatabase();
			service.start(haltSettings(i + 1), START_TIMEOUT);
		}
		else {
			service.kill();
			assertThat(postgres.isAlive()).as("the killed service's PostgreSQL is left running").isTrue();
			service.start(haltSettings(i + 1), START_TIMEOUT);
			assertThat(postgres.isAlive()).as("the restart stopped the PostgreSQL left behind").isFalse();
		}
		this.api = service.api();
		this.session = this.api.signIn(USER, PASSWORD);

		JsonNode operation = this.api.get(CONTROL + "getoperation", "session", this.session, "operationId", operationId).json();
		assertThat(operation.path("status").asString()).as(operation.toString()).isEqualTo("FAILED");
		assertThat(operation.path("error").asString()).contains("interrupted");
		Map<Long, String> expected = expectedTags(kill, ids, before, target);
		expected.forEach((nodeId, tag) -> checkNode(envName, nodeId, tag, before.get(nodeId), target));
		checkNothingElseOnTheEngine(envName, ids);
		System.out.printf("kill at %s: nodes %s -> %s, as expected, data whole (%.1f s)%n", kill, before.values(),
				expected.values(), (System.nanoTime() - started) / 1e9);
	}

	/**
	 * An asynchronous redeploy of the layer, or a rollback to the latest snapshot; the rollback answers only
	 * when done, so its call waits in the background until the kill cuts it.
	 */
	private void startOperation(KillCase kill, String envName, String target) {
		if (kill.rollback()) {
			ApiClient api = this.api;
			String session = this.session;
			Thread call = new Thread(() -> {
				try {
					api.post(CONTROL + "rollbackcontainers", "session", session, "envName", envName, "nodeGroup", "cp");
				}
				catch (RuntimeException ex) {
					// the connection dies with the service
				}
			}, "rollback-call");
			call.setDaemon(true);
			call.start();
			return;
		}
		ApiClient.Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", this.session, "envName",
				envName, "nodeGroup", "cp", "tag", target, "isSequential", kill.layer().sequential(), "skipReinstall",
				kill.skipReinstall(), "async", "true");
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
	}

	/** The stored node is the truth: before its commit a node is on its old container, after it on the new. */
	private static Map<Long, String> expectedTags(KillCase kill, List<Long> ids, Map<Long, String> before, String target) {
		String atHalt = kill.afterCommit() ? target : null;
		Map<Long, String> expected = new LinkedHashMap<>();
		for (int n = 0; n < ids.size(); n++) {
			long id = ids.get(n);
			String tag = switch (kill.layer()) {
				case SINGLE, SIMULTANEOUS -> (atHalt != null) ? atHalt : before.get(id);
				// the nodes before the halted one finished; the ones after it were not touched
				case SEQUENTIAL -> (n < kill.skipNodes()) ? target
						: (n == kill.skipNodes() && atHalt != null) ? atHalt : before.get(id);
			};
			expected.put(id, tag);
		}
		return expected;
	}

	/** Runs, under its name, the container its record names, on the expected version, with every file as written. */
	private void checkNode(String envName, long nodeId, String expectedTag, String oldTag, String newTag) {
		JsonNode node = node(envName, nodeId);
		String tag = node.path("tag").asString();
		if (!tag.equals(oldTag) && !tag.equals(newTag)) {
			this.dataLost++;
		}
		assertThat(tag).as("node %d's version (old %s, new %s)", nodeId, oldTag, newTag).isEqualTo(expectedTag);
		assertThat(node.path("status").asString()).as("node %d's status", nodeId).isEqualTo("RUNNING");
		assertThat(node.path("running").asBoolean()).as("node %d runs", nodeId).isTrue();
		InspectContainerResponse container = docker().inspectContainerCmd(NodeContainers.containerName(envName, nodeId)).exec();
		assertThat(container.getId()).as("the container under node %d's name is the one its record names", nodeId)
			.startsWith(node.path("containerId").asString());
		assertThat(container.getState().getRunning()).isTrue();
		assertThat(container.getConfig().getImage()).isEqualTo(TestImages.APP_1.resolve(expectedTag).toString());
		assertThat(exec(envName, nodeId, "cat /opt/app/VERSION")).isEqualTo(expectedTag + "\n");
		Map<String, String> now = hashes(envName, nodeId);
		long changed = originals.get(nodeId).entrySet().stream().filter((file) -> !file.getValue().equals(now.get(file.getKey()))).count();
		this.dataLost += (int) changed;
		assertThat(now).as("node %d's files (sha256)", nodeId).isEqualTo(originals.get(nodeId));
	}

	/** The environment's containers are its nodes' and their recorded snapshots', and no other. */
	private void checkNothingElseOnTheEngine(String envName, List<Long> ids) {
		Set<String> expected = new TreeSet<>();
		for (long nodeId : ids) {
			String name = NodeContainers.containerName(envName, nodeId);
			expected.add(name);
			this.api.get(CONTROL + "getbackups", "session", this.session, "envName", envName, "nodeId", nodeId)
				.json()
				.get("backups")
				.forEach((backup) -> expected.add(name + "-snapshot-" + backup.get("operationId").asString().substring(0, 8)));
		}
		List<Container> containers = docker().listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of(NodeContainers.LABEL_ENVIRONMENT, envName))
			.exec();
		Set<String> found = new TreeSet<>();
		containers.forEach((container) -> found.add(container.getNames()[0].replaceFirst("^/", "")));
		assertThat(found).as("containers of %s", envName).isEqualTo(expected);
		assertThat(containers).filteredOn((container) -> container.getNames()[0].contains("-snapshot-"))
			.allSatisfy((snapshot) -> assertThat(snapshot.getState()).as(snapshot.getNames()[0]).isNotEqualTo("running"));
	}

	/** Without a halt point now, every environment goes to the other version in one call, data whole. */
	private void everyEnvironmentRedeploysCleanly() {
		for (String envName : environments.values()) {
			List<Long> ids = nodeIds(envName);
			Map<Long, String> before = tags(envName);
			String target = other(before.get(ids.get(0)));
			ApiClient.Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", this.session, "envName",
					envName, "nodeGroup", "cp", "tag", target, "isSequential", "false");
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.json().get("responses")).allSatisfy((response) -> assertThat(response.get("outcome").asString()).isEqualTo("SUCCESS"));
			ids.forEach((nodeId) -> checkNode(envName, nodeId, target, before.get(nodeId), target));
			checkNothingElseOnTheEngine(envName, ids);
		}
		System.out.println("kill faults: afterwards every environment redeployed in one call, data whole");
	}

	/** Waits until the nodes are held at the case's point; returns the operation's id, which the marker names. */
	private String awaitHalted(int caseIndex, int nodes) {
		Path marker = marker(caseIndex);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			List<String> halted = lines(marker);
			if (halted.size() >= nodes) {
				return halted.get(0).split(" ")[0];
			}
			ServiceProcess.sleep(Duration.ofMillis(100));
		}
		throw new AssertionError(lines(marker).size() + " of " + nodes + " nodes halted at " + CASES.get(caseIndex) + ":\n"
				+ service.logTail(30));
	}

	/** After a failed case the service may still hold nodes at that case's point: start the next case afresh. */
	private void restartAfterAFailedCase(int i) {
		service.kill();
		service.postmaster().ifPresent((postgres) -> System.out.println("(PostgreSQL " + postgres.pid() + " left running)"));
		service.start(haltSettings(i + 1), START_TIMEOUT);
		this.api = service.api();
		this.session = this.api.signIn(USER, PASSWORD);
	}

	private String createEnvironmentWithData(Layer layer) {
		String envName = "kill-" + layer.name().toLowerCase().substring(0, 3) + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
		ApiClient.Answer created = this.api.post(CONTROL + "createenvironment", "session", this.session, "env",
				ApiClient.json(Map.of("shortdomain", envName)), "nodes", ApiClient.json(List.of(Map.of("nodeGroup", "cp",
						"count", layer.nodes(), "image", TestImages.APP_1.toString(), "volumes", List.of("/data")))));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		for (long nodeId : nodeIds(envName)) {
			exec(envName, nodeId, String.join(" && ", "mkdir -p /var/lib/jelastic/kill /opt/keep/deep",
					"head -c 262144 /dev/urandom > /var/lib/jelastic/kill/blob.bin",
					"head -c 262144 /dev/urandom > /data/blob.bin",
					"head -c 262144 /dev/urandom > /opt/keep/blob.bin",
					"echo \"node $(hostname)\" > /opt/keep/deep/small.txt",
					"echo /opt/keep >> /etc/jelastic/redeploy.conf"));
			Map<String, String> hashes = hashes(envName, nodeId);
			assertThat(hashes).containsOnlyKeys(FILES);
			originals.put(nodeId, hashes);
		}
		return envName;
	}

	private Map<String, String> hashes(String envName, long nodeId) {
		Map<String, String> hashes = new LinkedHashMap<>();
		for (String line : exec(envName, nodeId, "sha256sum " + String.join(" ", FILES)).split("\n")) {
			String[] parts = line.trim().split("\\s+", 2);
			if (parts.length == 2) {
				hashes.put(parts[1], parts[0]);
			}
		}
		return hashes;
	}

	private String exec(String envName, long nodeId, String command) {
		ApiClient.Answer answer = this.api.post(CONTROL + "execcmdbyid", "session", this.session, "envName", envName,
				"nodeId", nodeId, "commandList", ApiClient.json(List.of(Map.of("command", command))));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("responses").get(0).get("out").asString();
	}

	private List<JsonNode> nodes(String envName) {
		return this.api.get(CONTROL + "getenvinfo", "session", this.session, "envName", envName).json().get("nodes").valueStream().toList();
	}

	private JsonNode node(String envName, long nodeId) {
		return nodes(envName).stream().filter((node) -> node.get("id").asLong() == nodeId).findFirst().orElseThrow();
	}

	private List<Long> nodeIds(String envName) {
		return nodes(envName).stream().map((node) -> node.get("id").asLong()).sorted().toList();
	}

	private Map<Long, String> tags(String envName) {
		Map<Long, String> tags = new LinkedHashMap<>();
		nodes(envName).stream()
			.sorted((a, b) -> Long.compare(a.get("id").asLong(), b.get("id").asLong()))
			.forEach((node) -> tags.put(node.get("id").asLong(), node.get("tag").asString()));
		return tags;
	}

	private String latestSnapshotTag(String envName, long nodeId) {
		JsonNode backups = this.api.get(CONTROL + "getbackups", "session", this.session, "envName", envName, "nodeId", nodeId)
			.json()
			.get("backups");
		assertThat(backups).as("node %d's snapshots", nodeId).isNotEmpty();
		String image = backups.get(0).get("image").asString();
		return image.substring(image.lastIndexOf(':') + 1);
	}

	private static String other(String tag) {
		return tag.equals("1") ? "2" : "1";
	}

	private static Map<String, String> haltSettings(int caseIndex) {
		if (caseIndex >= CASES.size()) {
			return Map.of();
		}
		KillCase kill = CASES.get(caseIndex);
		return Map.of("redeploy.testing.halt-at", kill.haltAt(), "redeploy.testing.halt-marker",
				marker(caseIndex).toString(), "redeploy.testing.halt-skip-nodes", Integer.toString(kill.skipNodes()));
	}

	private static Path marker(int caseIndex) {
		return dataDir.resolve("halted-" + caseIndex);
	}

	private static List<String> lines(Path file) {
		try {
			return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static DockerClient docker() {
		return TestDocker.client();
	}

	private static List<KillCase> cases() {
		List<KillCase> cases = new ArrayList<>();
		for (String step : List.of("PLAN", "ARCHIVE", "VERIFY_ARCHIVES", "CREATE", "RESTORE", "STOP", "VERIFY", "COMMIT",
				"COMMIT:finished")) {
			cases.add(KillCase.redeploy(Layer.SINGLE, step));
		}
		cases.add(new KillCase(Layer.SINGLE, "MERGE", 0, true, false, false));
		// back to the snapshot the COMMIT:finished case left: the same script shape, other containers
		cases.add(new KillCase(Layer.SINGLE, "VERIFY", 0, false, true, false));
		cases.add(new KillCase(Layer.SINGLE, "COMMIT:finished", 0, false, true, false));
		// the service and its database killed together: what the journal and the commit wrote must be on disk
		cases.add(new KillCase(Layer.SINGLE, "RESTORE", 0, false, false, true));
		cases.add(new KillCase(Layer.SINGLE, "COMMIT:finished", 0, false, false, true));
		for (Layer layer : List.of(Layer.SEQUENTIAL, Layer.SIMULTANEOUS)) {
			for (String step : List.of("CREATE", "RESTORE", "STOP", "VERIFY", "COMMIT", "COMMIT:finished")) {
				cases.add(KillCase.redeploy(layer, step));
			}
		}
		cases.add(new KillCase(Layer.SIMULTANEOUS, "COMMIT:finished", 0, false, false, true));
		// the second node of a sequential layer, the first one done
		cases.add(new KillCase(Layer.SEQUENTIAL, "RESTORE", 1, false, false, false));
		cases.add(new KillCase(Layer.SEQUENTIAL, "COMMIT:finished", 1, false, false, false));
		return cases;
	}

	enum Layer {

		SINGLE(1, true), SEQUENTIAL(3, true), SIMULTANEOUS(3, false);

		private final int nodes;

		private final boolean sequential;

		Layer(int nodes, boolean sequential) {
			this.nodes = nodes;
			this.sequential = sequential;
		}

		int nodes() {
			return this.nodes;
		}

		boolean sequential() {
			return this.sequential;
		}

	}

	/**
	 * Where to kill: {@code haltAt} is a step ({@code STEP} or {@code STEP:finished}), after {@code skipNodes}
	 * nodes passed it, of a redeploy to the other version or (rollback) of a rollback to the latest snapshot;
	 * withDatabase kills the embedded PostgreSQL too.
	 */
	record KillCase(Layer layer, String haltAt, int skipNodes, boolean skipReinstall, boolean rollback,
			boolean withDatabase) {

		static KillCase redeploy(Layer layer, String haltAt) {
			return new KillCase(layer, haltAt, 0, false, false, false);
		}

		boolean afterCommit() {
			return this.haltAt.equals("COMMIT:finished");
		}

		@Override
		public String toString() {
			return this.layer.name().toLowerCase() + (this.rollback ? " rollback " : " ") + this.haltAt
					+ ((this.skipNodes > 0) ? " of node " + (this.skipNodes + 1) : "")
					+ (this.skipReinstall ? " (skipReinstall)" : "") + (this.withDatabase ? " with its database" : "");
		}

	}

}
