package io.redeploy.app.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.redeploy.app.support.ApiClient;
import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.core.redeploy.RedeployConf;
import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and bad input through the HTTP API, against the real engine and database. Each case names
 * the answer it must get; after each one, a canary environment of another user must be untouched and
 * unseen, the service must still answer, and nothing may have been written on the host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT extends ServiceIT {

	private static final String CANARY = "canary-" + Long.toHexString(System.nanoTime());

	private static final String HOST_SECRET = "HOST-SECRET-" + Long.toHexString(System.nanoTime());

	private static final AtomicInteger tried = new AtomicInteger();

	private static final AtomicInteger passed = new AtomicInteger();

	private static final AtomicInteger lost = new AtomicInteger();

	@Autowired
	private JdbcClient jdbc;

	private ApiClient client;

	private String alice;

	private String bob;

	private String canaryEnv;

	private long canaryNode;

	private String canaryContainer;

	/** A directory of the host that containers' symlinks point at; it must never change. */
	private Path hostDir;

	private Path hostSecret;

	@BeforeAll
	void canaryAndHostFiles() throws IOException {
		this.client = new ApiClient(port());
		this.api = this.client;
		this.alice = this.client.signIn(ALICE, PASSWORD);
		this.bob = this.client.signIn(BOB, PASSWORD);
		this.canaryEnv = createEnvironment(this.alice, "canary",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		this.canaryNode = nodeIds(this.alice, this.canaryEnv, "cp").get(0);
		exec(this.alice, this.canaryEnv, this.canaryNode,
				"mkdir -p /opt/keep && echo " + CANARY + " > /opt/keep/canary.txt && echo /opt/keep >> /etc/jelastic/redeploy.conf");
		this.canaryContainer = node(this.alice, this.canaryEnv, this.canaryNode).get("containerId").asString();
		this.hostDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "host-");
		this.hostSecret = Files.writeString(this.hostDir.resolve("secret.txt"), HOST_SECRET + "\n");
	}

	@AfterAll
	void summary() {
		deleteEnvironment(this.alice, this.canaryEnv);
		System.out.println("hostile input: " + tried.get() + " cases tried, " + passed.get() + " passed, " + lost.get()
				+ " data lost");
	}

	// ---------------------------------------------------------------- requests

	/** A call and the answer it must get: HTTP status, result code and a part of the error sentence. */
	record Case(String name, Function<HostileInputIT, Answer> call, int status, int result, String error) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	Stream<Case> requests() {
		String big = "a".repeat(11 * 1024 * 1024);
		return Stream.of(
				// names with shell or path metacharacters
				new Case("envName with shell metacharacters", (t) -> t.bobCalls("getenvinfo", "envName", "x;rm -rf /"),
						400, 100, "envName 'x;rm -rf /' is not valid"),
				new Case("envName with ../", (t) -> t.bobCalls("getenvinfo", "envName", "../../etc"), 400, 100,
						"envName '../../etc' is not valid"),
				new Case("envName with NUL", (t) -> t.bobCalls("getenvinfo", "envName", "a\0b"), 400, 100,
						"envName 'a?b' is not valid"),
				new Case("envName with command substitution on deleteenv", (t) -> t.bobCalls("deleteenv", "envName", "$(reboot)"),
						400, 100, "is not valid"),
				new Case("nodeGroup with shell metacharacters at creation",
						(t) -> t.create(Map.of("nodeGroup", "cp;id", "image", TestImages.APP_1.toString())), 400, 100,
						"nodeGroup 'cp;id' is not valid"),
				new Case("nodeGroup with ../ on redeploy", (t) -> t.aliceRedeploys("nodeGroup", "../cp", "tag", "2"), 400,
						100, "nodeGroup '../cp' is not valid"),
				new Case("nodeGroup with command substitution on redeploy",
						(t) -> t.aliceRedeploys("nodeGroup", "$(reboot)", "tag", "2"), 400, 100, "nodeGroup '$(reboot)' is not valid"),
				// tags
				new Case("tag with shell metacharacters", (t) -> t.aliceRedeploys("nodeGroup", "cp", "tag", "1;rm -rf /"),
						400, 100, "is not a valid image"),
				new Case("tag with ../", (t) -> t.aliceRedeploys("nodeGroup", "cp", "tag", "../../etc/passwd"), 400, 100,
						"repository '../../etc/passwd' is not a valid image repository"),
				new Case("tag with command substitution", (t) -> t.aliceRedeploys("nodeGroup", "cp", "tag", "$(id)"), 400,
						100, "tag '$(id)' is not a valid image tag"),
				new Case("tag with NUL", (t) -> t.aliceRedeploys("nodeGroup", "cp", "tag", "1\0x"), 400, 100,
						"is not a valid image tag"),
				new Case("tag of 1000 characters", (t) -> t.aliceRedeploys("nodeGroup", "cp", "tag", "a".repeat(1000)), 400,
						100, "is not a valid image tag"),
				new Case("tag by digest", (t) -> t.aliceRedeploys("nodeGroup", "cp", "tag",
						"x@sha256:" + "0123456789abcdef".repeat(4)), 400, 100, "image digests are not supported"),
				new Case("tag on an unexpected registry that does not exist",
						(t) -> t.aliceRedeploys("nodeGroup", "cp", "tag", "evil.example.com/x:1"), 500, 500,
						"Could not pull image evil.example.com/x:1"),
				new Case("registry login without password", (t) -> t.aliceRedeploys("nodeGroup", "cp", "tag", "2", "login",
						"mallory"), 400, 100, "login and password go together"),
				new Case("negative delay", (t) -> t.aliceRedeploys("nodeGroup", "cp", "tag", "2", "delay", "-1"), 400, 100,
						"delay must be between"),
				new Case("nodeId with SQL", (t) -> t.aliceRedeploys("nodeId", "1 OR 1=1", "tag", "2"), 400, 100,
						"nodeId must be a whole number"),
				// node groups smuggling host access
				new Case("image with shell metacharacters at creation",
						(t) -> t.create(Map.of("nodeGroup", "cp", "image", TestImages.APP_1 + ";reboot")), 400, 100,
						"is not a valid image tag"),
				new Case("hostname with shell metacharacters",
						(t) -> t.create(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString(), "hostname", "a;b")),
						400, 100, "hostname 'a;b' is not a valid host name"),
				new Case("volume as a bind of the host's root",
						(t) -> t.create(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString(), "volumes", List.of("/:/host"))),
						400, 100, "volume path '/:/host' must be an absolute path inside the container"),
				new Case("volume with ..",
						(t) -> t.create(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString(), "volumes", List.of("/data/../../"))),
						400, 100, "volume path '/data/../../'"),
				new Case("volume of the whole file system",
						(t) -> t.create(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString(), "volumes", List.of("/"))),
						400, 100, "volume path '/'"),
				new Case("privileged flag smuggled into a node group",
						(t) -> t.create(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString(), "privileged", true)),
						400, 100, "unknown field 'privileged'"),
				// malformed and enormous bodies
				new Case("malformed nodes JSON", (t) -> t.createRaw("{\"shortdomain\": \"" + uniqueEnvName("bad") + "\"}",
						"[{\"nodeGroup\": "), 400, 100, "nodes is not valid JSON"),
				new Case("nodes JSON nested 100 000 deep", (t) -> t.createRaw("{\"shortdomain\": \"" + uniqueEnvName("deep") + "\"}",
						"[".repeat(100_000) + "]".repeat(100_000)), 400, 100, "nesting depth"),
				new Case("env that is no JSON object", (t) -> t.createRaw("[]", "[]"), 400, 100,
						"env must be a JSON object"),
				new Case("malformed JSON request body",
						(t) -> t.client.raw("POST", CONTROL + "getenvinfo", "application/json", "{\"session\": "), 401, 701,
						"A session is required"),
				new Case("form body over 10 MB", (t) -> t.bobCalls("getenvs", "padding", big), 413, 413,
						"larger than the service accepts"),
				new Case("login of 1 MB at sign-in",
						(t) -> t.client.post("users/authentication/rest/signin", "login", "a".repeat(1024 * 1024), "password", "x"),
						401, 702, "Wrong login or password"),
				new Case("DELETE verb", (t) -> t.client.raw("DELETE", CONTROL + "getenvs", "application/x-www-form-urlencoded",
						"session=" + t.bob), 405, 100, "Use GET or POST"),
				// paths given to file methods
				new Case("file write through ..", (t) -> t.client.post("environment/file/rest/write", "session", t.alice,
						"envName", t.canaryEnv, "nodeGroup", "cp", "path", "/tmp/../etc/passwd", "body", "x"), 400, 100,
						"must not contain '.' or '..' segments"),
				new Case("file read of a relative path", (t) -> t.client.post("environment/file/rest/read", "session", t.alice,
						"envName", t.canaryEnv, "nodeGroup", "cp", "path", "etc/passwd"), 400, 100, "must be absolute"),
				// another user's environment
				new Case("another user's environment: getenvinfo",
						(t) -> t.bobCalls("getenvinfo", "envName", t.canaryEnv), 403, 703, "belongs to another user"),
				new Case("another user's environment: redeploycontainers",
						(t) -> t.bobCalls("redeploycontainers", "envName", t.canaryEnv, "nodeGroup", "cp", "tag", "2"), 403, 703,
						"belongs to another user"),
				new Case("another user's environment: execcmdbyid",
						(t) -> t.bobCalls("execcmdbyid", "envName", t.canaryEnv, "nodeId", t.canaryNode, "commandList",
								ApiClient.json(List.of(Map.of("command", "cat /opt/keep/canary.txt")))),
						403, 703, "belongs to another user"),
				new Case("another user's environment: file read", (t) -> t.client.post("environment/file/rest/read", "session",
						t.bob, "envName", t.canaryEnv, "nodeGroup", "cp", "path", "/opt/keep/canary.txt"), 403, 703,
						"belongs to another user"),
				new Case("another user's environment: deleteenv", (t) -> t.bobCalls("deleteenv", "envName", t.canaryEnv), 403,
						703, "belongs to another user"),
				new Case("another user's environment: getbackups",
						(t) -> t.bobCalls("getbackups", "envName", t.canaryEnv, "nodeId", t.canaryNode), 403, 703,
						"belongs to another user"),
				new Case("another user's node id in one's own call",
						(t) -> t.client.post(CONTROL + "getbackups", "session", t.bob, "envName", "no-such-env", "nodeId",
								t.canaryNode), 404, 404, "does not exist"),
				// sessions
				new Case("unknown session", (t) -> t.client.post(CONTROL + "getenvs", "session", "f".repeat(64)), 401, 701,
						"Unknown or signed-out session"),
				new Case("session with SQL", (t) -> t.client.post(CONTROL + "getenvs", "session", "' or 1=1 --"), 401, 701,
						"Unknown or signed-out session"),
				new Case("expired session", (t) -> t.client.post(CONTROL + "getenvs", "session", t.expiredSession()), 401, 701,
						"Session expired"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requests")
	void aHostileRequestGetsItsErrorAndChangesNothing(Case hostile) {
		tried.incrementAndGet();
		Answer answer = hostile.call().apply(this);
		assertThat(answer.status()).as(answer.body()).isEqualTo(hostile.status());
		assertThat(answer.result()).as(answer.body()).isEqualTo(hostile.result());
		assertThat(answer.error()).as(answer.body()).contains(hostile.error());
		assertThat(answer.body()).doesNotContain(CANARY);
		assertCanaryUntouched();
		passed.incrementAndGet();
	}

	// ---------------------------------------------------------------- redeploy.conf

	/** Lines of redeploy.conf that are refused, each with the warning it must produce. */
	static Stream<List<String>> refusedLines() {
		return Stream.of(List.of("../etc/passwd", "'../etc/passwd' is not an absolute path"),
				List.of("opt/relative", "'opt/relative' is not an absolute path"),
				List.of("/opt/../etc/shadow", "'/opt/../etc/shadow' holds a '..' segment"),
				List.of("/./etc", "'/./etc' holds a '.' segment"),
				List.of("/proc/self/environ", "'/proc/self/environ' lies in /proc"),
				List.of("/sys/kernel", "'/sys/kernel' lies in /sys"), List.of("/dev/sda", "'/dev/sda' lies in /dev"),
				List.of("/opt/ctl\\001x", "holds NUL or control characters"),
				List.of("/opt/nul\\000x", "holds NUL or control characters"),
				List.of("${NOPE}/x", "unknown variable ${NOPE}"), List.of("/", "'/' is the whole file system"));
	}

	private JsonNode confRedeploy;

	@ParameterizedTest(name = "redeploy.conf line {0}")
	@MethodSource("refusedLines")
	void aRefusedRedeployConfLineIsReportedAndNotFollowed(List<String> line) {
		tried.incrementAndGet();
		JsonNode report = confRedeploy();
		assertThat(report.get("outcome").asString()).isEqualTo("SUCCESS");
		assertThat(report.get("warnings").valueStream().map(JsonNode::asString))
			.anySatisfy((warning) -> assertThat(warning).contains("refused").contains(line.get(1)));
		assertThat(report.get("archives").valueStream().map((archive) -> archive.get("path").asString()))
			.allSatisfy((path) -> assertThat(path).doesNotStartWith("/proc").doesNotStartWith("/sys")
				.doesNotStartWith("/dev").doesNotContain("..").isNotEqualTo("/"));
		assertCanaryUntouched();
		passed.incrementAndGet();
	}

	@Test
	void aHugeLineAndThousandsOfEntriesAreBoundedAndTheKeptDataSurvives() {
		tried.incrementAndGet();
		JsonNode report = confRedeploy();
		List<String> warnings = report.get("warnings").valueStream().map(JsonNode::asString).toList();
		assertThat(warnings).anySatisfy((warning) -> assertThat(warning).contains("longer than 4096 characters"));
		assertThat(warnings).filteredOn((warning) -> warning.contains("/opt/many/f")).hasSize(2000);
		assertThat(report.get("archives").valueStream().filter((archive) -> archive.get("path").asString().equals("/opt/keep")))
			.hasSize(1);
		passed.incrementAndGet();
	}

	/** One redeploy of a node whose redeploy.conf holds every refused line, a huge one and 5000 more. */
	private synchronized JsonNode confRedeploy() {
		if (this.confRedeploy == null) {
			String envName = single("conf");
			long node = nodeIds(this.alice, envName, "cp").get(0);
			StringBuilder lines = new StringBuilder();
			refusedLines().forEach((line) -> lines.append(line.get(0).replace("$", "\\$")).append("\\n"));
			exec(this.alice, envName, node, "mkdir -p /opt/keep && echo kept > /opt/keep/file.txt && printf \"" + lines + "\" >> /etc/jelastic/redeploy.conf"
					+ " && awk 'BEGIN { s = \"/\"; for (i = 0; i < 5000; i++) s = s \"a\"; print s }' >> /etc/jelastic/redeploy.conf"
					+ " && for i in $(seq 1 3000); do echo /opt/keep; done >> /etc/jelastic/redeploy.conf"
					+ " && for i in $(seq 1 2000); do echo /opt/many/f$i; done >> /etc/jelastic/redeploy.conf");
			Answer answer = redeploy(envName, node, "2");
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertKept(envName, node, "2");
			assertThat(exec(this.alice, envName, node, "cat /opt/keep/file.txt")).isEqualTo("kept\n");
			this.confRedeploy = answer.json().get("responses").get(0);
			deleteEnvironment(this.alice, envName);
		}
		return this.confRedeploy;
	}

	@Test
	void aRedeployConfOverFourMebibytesFailsThePlanWithTheNodeUntouched() {
		tried.incrementAndGet();
		String envName = single("bigconf");
		long node = nodeIds(this.alice, envName, "cp").get(0);
		exec(this.alice, envName, node, "for i in $(seq 1 5000); do echo /opt/keep/$(printf '%01000d' $i); done >> /etc/jelastic/redeploy.conf");

		Answer answer = redeploy(envName, node, "2");

		assertThat(answer.status()).as(answer.body()).isEqualTo(500);
		assertThat(answer.result()).isEqualTo(600);
		JsonNode report = answer.json().get("responses").get(0);
		assertThat(report.get("failedStep").asString()).isEqualTo("PLAN");
		assertThat(report.get("error").asString()).contains(RedeployConf.PATH);
		assertKept(envName, node, "1");
		deleteEnvironment(this.alice, envName);
		passed.incrementAndGet();
	}

	// ---------------------------------------------------------------- what a container can hold

	@Test
	void symlinksToHostFilesAreArchivedAsLinksAndNeverFollowedOnTheHost() throws IOException {
		tried.incrementAndGet();
		String envName = single("links");
		long node = nodeIds(this.alice, envName, "cp").get(0);
		exec(this.alice, envName, node, String.join(" && ", "mkdir -p /opt/keep " + this.hostDir,
				"echo container-own > " + this.hostSecret, "ln -s " + this.hostSecret + " /opt/keep/hostlink",
				"ln -s /etc/shadow /opt/shadowlink", "ln -s " + this.hostDir + " /opt/dirlink",
				"printf '/opt/keep\\n/opt/shadowlink\\n/opt/dirlink\\n" + this.hostSecret + "\\n' >> /etc/jelastic/redeploy.conf"));

		Answer answer = redeploy(envName, node, "2");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertKept(envName, node, "2");
		assertThat(exec(this.alice, envName, node, "readlink /opt/keep/hostlink; readlink /opt/shadowlink; readlink /opt/dirlink"))
			.isEqualTo(this.hostSecret + "\n/etc/shadow\n" + this.hostDir + "\n");
		// the container's own file of the same path came along; the host's stayed where it was
		assertThat(exec(this.alice, envName, node, "cat /opt/keep/hostlink")).isEqualTo("container-own\n");
		assertThat(Files.readString(this.hostSecret)).isEqualTo(HOST_SECRET + "\n");
		assertArchivesHoldNoHostData(answer);
		deleteEnvironment(this.alice, envName);
		passed.incrementAndGet();
	}

	@Test
	void aPathListedThroughASymlinkedDirectoryLandsInTheContainerNotOnTheHost() {
		tried.incrementAndGet();
		String file = "hostile-" + Long.toHexString(System.nanoTime()) + ".txt";
		String envName = single("through");
		long node = nodeIds(this.alice, envName, "cp").get(0);
		exec(this.alice, envName, node, "ln -s /etc /srv-etc && echo written-through > /srv-etc/" + file
				+ " && printf '/srv-etc\\n/srv-etc/" + file + "\\n' >> /etc/jelastic/redeploy.conf");

		Answer answer = redeploy(envName, node, "2");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertKept(envName, node, "2");
		assertThat(exec(this.alice, envName, node, "readlink /srv-etc; cat /etc/" + file)).isEqualTo("/etc\nwritten-through\n");
		assertThat(Path.of("/etc", file)).doesNotExist();
		deleteEnvironment(this.alice, envName);
		passed.incrementAndGet();
	}

	@Test
	void aPathListedThroughADanglingSymlinkFailsTheRestoreAndTheNodeIsRolledBack() throws IOException {
		tried.incrementAndGet();
		String envName = single("dangling");
		long node = nodeIds(this.alice, envName, "cp").get(0);
		exec(this.alice, envName, node, String.join(" && ", "mkdir -p " + this.hostDir, "echo container-own > " + this.hostSecret,
				"ln -s " + this.hostDir + " /opt/dirlink",
				"printf '/opt/dirlink\\n/opt/dirlink/secret.txt\\n' >> /etc/jelastic/redeploy.conf"));

		Answer answer = redeploy(envName, node, "2");

		assertThat(answer.status()).as(answer.body()).isEqualTo(500);
		assertThat(answer.result()).isEqualTo(600);
		JsonNode report = answer.json().get("responses").get(0);
		assertThat(report.get("outcome").asString()).isEqualTo("ROLLED_BACK");
		assertThat(report.get("failedStep").asString()).isEqualTo("RESTORE");
		assertKept(envName, node, "1");
		assertThat(Files.readString(this.hostSecret)).isEqualTo(HOST_SECRET + "\n");
		try (Stream<Path> files = Files.list(this.hostDir)) {
			assertThat(files).containsExactly(this.hostSecret);
		}
		deleteEnvironment(this.alice, envName);
		passed.incrementAndGet();
	}

	@Test
	void aDeviceNodeInAKeptPathIsRefusedBeforeTheContainerIsTouched() {
		tried.incrementAndGet();
		String envName = single("device");
		long node = nodeIds(this.alice, envName, "cp").get(0);
		String container = node(this.alice, envName, node).get("containerId").asString();
		exec(this.alice, envName, node, "mkdir -p /opt/keep && mknod /opt/keep/disk b 8 0 && echo /opt/keep >> /etc/jelastic/redeploy.conf");

		Answer answer = redeploy(envName, node, "2");

		assertThat(answer.status()).as(answer.body()).isEqualTo(500);
		assertThat(answer.result()).isEqualTo(600);
		JsonNode report = answer.json().get("responses").get(0);
		assertThat(report.get("failedStep").asString()).isEqualTo("VERIFY_ARCHIVES");
		assertThat(report.get("error").asString()).contains("keep/disk").contains("device node");
		assertThat(node(this.alice, envName, node).get("containerId").asString()).isEqualTo(container);
		assertKept(envName, node, "1");
		deleteEnvironment(this.alice, envName);
		passed.incrementAndGet();
	}

	@Test
	void hardLinksOutOfTheTreeAndFifosAreKeptAsTheirOwnFiles() {
		tried.incrementAndGet();
		String envName = single("hardlink");
		long node = nodeIds(this.alice, envName, "cp").get(0);
		exec(this.alice, envName, node, "mkdir -p /opt/keep && ln /etc/passwd /opt/keep/passwd && mkfifo /opt/keep/fifo"
				+ " && echo /opt/keep >> /etc/jelastic/redeploy.conf");
		String passwd = exec(this.alice, envName, node, "cat /etc/passwd");

		Answer answer = redeploy(envName, node, "2");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertKept(envName, node, "2");
		assertThat(exec(this.alice, envName, node, "cat /opt/keep/passwd")).isEqualTo(passwd);
		assertThat(exec(this.alice, envName, node, "test -p /opt/keep/fifo && echo fifo")).isEqualTo("fifo\n");
		deleteEnvironment(this.alice, envName);
		passed.incrementAndGet();
	}

	// ---------------------------------------------------------------- concurrency

	@Test
	void deletingAnEnvironmentWhileItIsRedeployedIsRefusedAndTheNodesEndConsistent() throws InterruptedException {
		tried.incrementAndGet();
		String envName = createEnvironment(this.alice, "delmid",
				List.of(Map.of("nodeGroup", "cp", "count", 2, "image", TestImages.APP_1.toString())));
		List<Long> nodes = nodeIds(this.alice, envName, "cp");
		for (long node : nodes) {
			exec(this.alice, envName, node, "echo mine > /tmp/mine && echo /tmp/mine >> /etc/jelastic/redeploy.conf");
		}
		Answer started = this.client.post(CONTROL + "redeploycontainers", "session", this.alice, "envName", envName,
				"nodeGroup", "cp", "tag", "2", "delay", "3", "async", "true");
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String operationId = started.json().get("operationId").asString();
		awaitOperation(operationId, (operation) -> operation.get("nodes").valueStream().anyMatch((n) -> n.hasNonNull("step")));

		Answer deleted = this.client.post(CONTROL + "deleteenv", "session", this.alice, "envName", envName);

		assertThat(deleted.status()).as(deleted.body()).isEqualTo(409);
		assertThat(deleted.result()).isEqualTo(409);
		assertThat(deleted.error()).contains("busy");
		JsonNode done = awaitOperation(operationId, (operation) -> !operation.get("status").asString().equals("RUNNING"));
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("OK");
		for (long node : nodes) {
			assertKept(envName, node, "2");
		}
		Answer deletedAfter = this.client.post(CONTROL + "deleteenv", "session", this.alice, "envName", envName);
		assertThat(deletedAfter.status()).as(deletedAfter.body()).isEqualTo(200);
		assertThat(TestDocker.client().listContainersCmd().withShowAll(true)
			.withLabelFilter(Map.of(NodeContainers.LABEL_ENVIRONMENT, envName)).exec()).isEmpty();
		assertCanaryUntouched();
		passed.incrementAndGet();
	}

	// ---------------------------------------------------------------- helpers

	private Answer bobCalls(String method, Object... keyValues) {
		Object[] withSession = new Object[keyValues.length + 2];
		withSession[0] = "session";
		withSession[1] = this.bob;
		System.arraycopy(keyValues, 0, withSession, 2, keyValues.length);
		return this.client.post(CONTROL + method, withSession);
	}

	private Answer aliceRedeploys(Object... keyValues) {
		Object[] call = new Object[keyValues.length + 4];
		call[0] = "session";
		call[1] = this.alice;
		call[2] = "envName";
		call[3] = this.canaryEnv;
		System.arraycopy(keyValues, 0, call, 4, keyValues.length);
		return this.client.post(CONTROL + "redeploycontainers", call);
	}

	private Answer create(Map<String, Object> nodeGroup) {
		return createRaw(ApiClient.json(Map.of("shortdomain", uniqueEnvName("hostile"))), ApiClient.json(List.of(nodeGroup)));
	}

	private Answer createRaw(String env, String nodes) {
		return this.client.post(CONTROL + "createenvironment", "session", this.bob, "env", env, "nodes", nodes);
	}

	private Answer redeploy(String envName, long node, String tag) {
		return this.client.post(CONTROL + "redeploycontainers", "session", this.alice, "envName", envName, "nodeId", node,
				"tag", tag);
	}

	/** A session of bob's that expired an hour ago, as the table would hold it. */
	private String expiredSession() {
		byte[] random = new byte[32];
		new java.security.SecureRandom().nextBytes(random);
		String token = HexFormat.of().formatHex(random);
		this.jdbc.sql("insert into sessions (token_hash, login, created_at, expires_at) values (encode(sha256(convert_to(?, 'UTF8')), 'hex'), ?, now() - interval '2 hours', now() - interval '1 hour')")
			.params(token, BOB)
			.update();
		return token;
	}

	/** An environment of alice's with one node whose /tmp/mine is listed in its redeploy.conf. */
	private String single(String prefix) {
		String envName = createEnvironment(this.alice, prefix,
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		long node = nodeIds(this.alice, envName, "cp").get(0);
		exec(this.alice, envName, node, "echo mine > /tmp/mine && echo /tmp/mine >> /etc/jelastic/redeploy.conf");
		return envName;
	}

	/** The node is on {@code version}, running, with its /tmp/mine; otherwise data was lost. */
	private void assertKept(String envName, long node, String version) {
		try {
			assertThat(node(this.alice, envName, node).get("tag").asString()).isEqualTo(version);
			assertThat(exec(this.alice, envName, node, "cat /opt/app/VERSION /tmp/mine")).isEqualTo(version + "\nmine\n");
		}
		catch (AssertionError | RuntimeException ex) {
			lost.incrementAndGet();
			throw ex;
		}
	}

	/** Alice's canary: same container, same data, still listed; the service still answers. */
	private void assertCanaryUntouched() {
		try {
			Answer envs = this.client.post(CONTROL + "getenvs", "session", this.alice);
			assertThat(envs.status()).as(envs.body()).isEqualTo(200);
			JsonNode canary = node(this.alice, this.canaryEnv, this.canaryNode);
			assertThat(canary.get("containerId").asString()).isEqualTo(this.canaryContainer);
			assertThat(canary.get("tag").asString()).isEqualTo("1");
			assertThat(exec(this.alice, this.canaryEnv, this.canaryNode, "cat /opt/keep/canary.txt")).isEqualTo(CANARY + "\n");
			assertThat(this.client.post(CONTROL + "getenvs", "session", this.bob).body()).doesNotContain(this.canaryEnv);
		}
		catch (AssertionError | RuntimeException ex) {
			lost.incrementAndGet();
			throw ex;
		}
	}

	private void assertArchivesHoldNoHostData(Answer answer) throws IOException {
		List<String> hostShadow = new ArrayList<>();
		Path shadow = Path.of("/etc/shadow");
		if (Files.isReadable(shadow)) {
			Files.readAllLines(shadow).stream().filter((line) -> line.contains(":$")).forEach(hostShadow::add);
		}
		for (JsonNode archive : answer.json().get("responses").get(0).get("archives")) {
			String content = gunzip(Path.of(archive.get("file").asString()));
			assertThat(content).as(archive.get("path").asString()).doesNotContain(HOST_SECRET);
			hostShadow.forEach((line) -> assertThat(content).doesNotContain(line));
		}
	}

	private static String gunzip(Path file) throws IOException {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toString(StandardCharsets.ISO_8859_1);
		}
	}

	private JsonNode awaitOperation(String operationId, java.util.function.Predicate<JsonNode> until)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (true) {
			JsonNode operation = this.client.post(CONTROL + "getoperation", "session", this.alice, "operationId", operationId)
				.json();
			if (until.test(operation) || System.nanoTime() > deadline) {
				return operation;
			}
			Thread.sleep(200);
		}
	}

}
