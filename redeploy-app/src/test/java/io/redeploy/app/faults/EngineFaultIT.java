package io.redeploy.app.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.redeploy.app.config.RedeployProperties;
import io.redeploy.app.support.ApiClient;
import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.app.support.StepGate;
import io.redeploy.core.redeploy.RedeployEvent;
import io.redeploy.core.redeploy.RedeployStep;
import io.redeploy.docker.DockerEngine;
import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults of the host and of the Docker engine in the middle of a redeploy, made to happen on the real
 * engine between two steps (a {@link StepGate} holds the node's script meanwhile): an archive changed
 * on disk before its restore, a kept path whose kind changed in the new image, an archive disk that is
 * full or read-only, the engine restarting. Each must end with the node on its old container and
 * version with its data, a clear error, and another user's environment untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineFaultIT extends ServiceIT {

	private static final Duration WAIT = Duration.ofMinutes(3);

	private static final AtomicInteger tried = new AtomicInteger();

	private static final AtomicInteger passed = new AtomicInteger();

	private static final AtomicInteger lost = new AtomicInteger();

	@Autowired
	private StepGate gate;

	@Autowired
	private RedeployProperties properties;

	@Autowired
	private DockerEngine engine;

	private ApiClient client;

	private String alice;

	private String bob;

	private String bystanderEnv;

	private long bystanderNode;

	private String bystanderContainer;

	@BeforeAll
	void bystander() {
		this.client = new ApiClient(port());
		this.api = this.client;
		this.alice = this.client.signIn(ALICE, PASSWORD);
		this.bob = this.client.signIn(BOB, PASSWORD);
		this.bystanderEnv = createEnvironment(this.bob, "bystander",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		this.bystanderNode = nodeIds(this.bob, this.bystanderEnv, "cp").get(0);
		exec(this.bob, this.bystanderEnv, this.bystanderNode, "echo bystander > /opt/bystander.txt");
		this.bystanderContainer = node(this.bob, this.bystanderEnv, this.bystanderNode).get("containerId").asString();
	}

	@AfterAll
	void summary() {
		deleteEnvironment(this.bob, this.bystanderEnv);
		System.out.println("engine faults: " + tried.get() + " cases tried, " + passed.get() + " passed, " + lost.get()
				+ " data lost");
	}

	// ---------------------------------------------------------------- an archive changed on disk

	/** How an archive is changed on disk once it was verified. */
	enum Damage {

		/** Another, well-formed archive put in its place: only the checksum can tell. */
		REPLACED_BY_A_WELL_FORMED_ONE {
			@Override
			void apply(Path archive, String entry) throws IOException {
				Files.write(archive, gzippedTar(entry, "planted\n"));
			}
		},
		/** One byte changed, as a failing disk would. */
		ONE_BYTE_FLIPPED {
			@Override
			void apply(Path archive, String entry) throws IOException {
				byte[] bytes = Files.readAllBytes(archive);
				bytes[bytes.length / 2] ^= 0x55;
				Files.write(archive, bytes);
			}
		};

		abstract void apply(Path archive, String entry) throws IOException;

	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Damage.class)
	void anArchiveChangedOnDiskAfterItsVerificationIsRefusedAtRestoreAndTheNodeRolledBack(Damage damage) throws Exception {
		tried.incrementAndGet();
		Target target = target("damaged", "");
		CompletableFuture<Answer> redeploy;
		try (StepGate.Hold hold = this.gate.holdAt(target.node(), RedeployStep.CREATE)) {
			redeploy = redeployInBackground(target, "2");
			RedeployEvent.StepStarted held = hold.awaitReached(WAIT);
			damage.apply(archiveOf(held.operationId(), target.node(), "kept-path-tmp_mine-"), "mine");
		}

		JsonNode report = failedReport(redeploy.get(WAIT.toSeconds(), TimeUnit.SECONDS));

		assertThat(report.get("outcome").asString()).isEqualTo("ROLLED_BACK");
		assertThat(report.get("failedStep").asString()).isEqualTo("RESTORE");
		assertThat(report.get("error").asString()).contains("failed its checksum").contains("kept-path-tmp_mine-");
		assertOnItsOldContainerWithItsData(target);
		assertBystanderUntouched();
		deleteEnvironment(this.alice, target.envName());
		passed.incrementAndGet();
	}

	@Test
	void restoreBackupRefusesAVolumeCopyChangedOnDiskBeforeAnyOfItReachesTheLiveVolume() throws Exception {
		tried.incrementAndGet();
		String envName = createEnvironment(this.alice, "volcopy",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString(), "volumes", List.of("/data"))));
		long node = nodeIds(this.alice, envName, "cp").get(0);
		exec(this.alice, envName, node, "echo archived > /data/v.txt");
		Answer redeployed = redeploy(envName, node, "2");
		assertThat(redeployed.status()).as(redeployed.body()).isEqualTo(200);
		String redeployOperation = redeployed.json().get("operationId").asString();
		exec(this.alice, envName, node, "echo live > /data/v.txt");
		String current = node(this.alice, envName, node).get("containerId").asString();
		String backupId = this.client.get(CONTROL + "getbackups", "session", this.alice, "envName", envName, "nodeId", node)
			.json().get("backups").get(0).get("id").asString();
		CompletableFuture<Answer> restore;
		try (StepGate.Hold hold = this.gate.holdAt(node, RedeployStep.RESTORE)) {
			restore = CompletableFuture.supplyAsync(() -> this.client.post(CONTROL + "restorebackup", "session", this.alice,
					"envName", envName, "nodeId", node, "backupId", backupId, "restoreVolumes", "true"));
			hold.awaitReached(WAIT);
			Damage.REPLACED_BY_A_WELL_FORMED_ONE.apply(archiveOf(redeployOperation, node, "volume-data-"), "data/v.txt");
		}

		JsonNode report = failedReport(restore.get(WAIT.toSeconds(), TimeUnit.SECONDS));

		assertThat(report.get("outcome").asString()).isEqualTo("ROLLED_BACK");
		assertThat(report.get("failedStep").asString()).isEqualTo("RESTORE");
		assertThat(report.get("error").asString()).contains("failed its checksum");
		kept(() -> {
			JsonNode after = node(this.alice, envName, node);
			assertThat(after.get("containerId").asString()).isEqualTo(current);
			assertThat(after.get("running").asBoolean()).isTrue();
			assertThat(exec(this.alice, envName, node, "cat /opt/app/VERSION /data/v.txt")).isEqualTo("2\nlive\n");
		});
		assertBystanderUntouched();
		deleteEnvironment(this.alice, envName);
		passed.incrementAndGet();
	}

	// ---------------------------------------------------------------- a kept path whose kind changed

	/** A kept path of the old container, and what the new image has there instead. */
	enum KindChanged {

		A_KEPT_DIRECTORY_WHERE_THE_NEW_IMAGE_HAS_A_FILE("mkdir -p /opt/keep && echo kept > /opt/keep/data.txt", "/opt/keep",
				"cat /opt/keep/data.txt", "kept\n"),
		A_KEPT_FILE_WHERE_THE_NEW_IMAGE_HAS_A_DIRECTORY("echo kept > /opt/conf.d", "/opt/conf.d", "cat /opt/conf.d",
				"kept\n"),
		A_KEPT_PATH_BELOW_WHAT_THE_NEW_IMAGE_HAS_AS_A_FILE("mkdir -p /opt/keep/sub && echo deep > /opt/keep/sub/x",
				"/opt/keep/sub", "cat /opt/keep/sub/x", "deep\n");

		final String setup;

		final String path;

		final String check;

		final String expected;

		KindChanged(String setup, String path, String check, String expected) {
			this.setup = setup;
			this.path = path;
			this.check = check;
			this.expected = expected;
		}

	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(KindChanged.class)
	void aKeptPathWhoseKindChangedInTheNewImageFailsTheRestoreAndTheNodeIsRolledBack(KindChanged kind) {
		tried.incrementAndGet();
		Target target = target("kind", kind.setup + " && echo " + kind.path + " >> /etc/jelastic/redeploy.conf");

		JsonNode report = failedReport(redeploy(target.envName(), target.node(), TestImages.APP_2_KINDS_CHANGED.tag()));

		assertThat(report.get("outcome").asString()).isEqualTo("ROLLED_BACK");
		assertThat(report.get("failedStep").asString()).isEqualTo("RESTORE");
		assertThat(report.get("error").asString()).startsWith("Could not restore " + kind.path + ": ")
			.containsAnyOf("cannot overwrite", "not a directory");
		assertOnItsOldContainerWithItsData(target);
		kept(() -> assertThat(exec(this.alice, target.envName(), target.node(), kind.check)).isEqualTo(kind.expected));
		assertBystanderUntouched();
		deleteEnvironment(this.alice, target.envName());
		passed.incrementAndGet();
	}

	// ---------------------------------------------------------------- the archive disk

	@Test
	void aFullArchiveDiskFailsTheArchiveStepWithNoPartFileLeftAndTheNodeUntouched() {
		Path root = archiveRoot();
		Target target;
		try (TmpfsMount full = TmpfsMount.over(root, "size=256k")) {
			tried.incrementAndGet();
			target = target("diskfull",
					"head -c 1048576 /dev/urandom > /opt/big.bin && echo /opt/big.bin >> /etc/jelastic/redeploy.conf");

			JsonNode report = failedReport(redeploy(target.envName(), target.node(), "2"));

			assertThat(report.get("outcome").asString()).isEqualTo("ROLLED_BACK");
			assertThat(report.get("failedStep").asString()).isEqualTo("ARCHIVE");
			assertThat(report.get("error").asString()).contains("Could not write the archive of /opt/big.bin")
				.contains("No space left on device");
			assertThat(filesUnder(root)).noneMatch((file) -> file.toString().endsWith(".part"));
		}
		assertOnItsOldContainerWithItsData(target);
		assertBystanderUntouched();
		deleteEnvironment(this.alice, target.envName());
		passed.incrementAndGet();
	}

	@Test
	void aReadOnlyArchiveDirectoryFailsTheArchiveStepAndTheNodeUntouched() {
		Path root = archiveRoot();
		Target target;
		try (TmpfsMount readOnly = TmpfsMount.over(root, "ro,size=1m")) {
			tried.incrementAndGet();
			target = target("readonly", "");

			JsonNode report = failedReport(redeploy(target.envName(), target.node(), "2"));

			assertThat(report.get("outcome").asString()).isEqualTo("ROLLED_BACK");
			assertThat(report.get("failedStep").asString()).isEqualTo("ARCHIVE");
			assertThat(report.get("error").asString()).contains("Could not write the archive of")
				.contains("Read-only file system");
			assertThat(filesUnder(root)).isEmpty();
		}
		assertOnItsOldContainerWithItsData(target);
		assertBystanderUntouched();
		deleteEnvironment(this.alice, target.envName());
		passed.incrementAndGet();
	}

	// ---------------------------------------------------------------- the engine restarts

	@Test
	void anEngineRestartOnceTheOldContainerIsStoppedEndsWithTheNodeBackOnItAndOtherNodesRunning() throws Exception {
		Path pidFile = Path.of(System.getenv().getOrDefault("DOCKERD_PIDFILE", "/var/run/docker.pid"));
		assumeTrue(Files.exists(pidFile), "dockerd was not started by scripts/docker-engine.sh (no " + pidFile + ")");
		// without live-restore the restart would stop every container of the engine, not only this test's
		assertThat(command("docker", "info", "--format", "{{.LiveRestoreEnabled}}"))
			.as("dockerd runs with --live-restore (scripts/docker-engine.sh restarts it once with it)")
			.isEqualTo("true");
		tried.incrementAndGet();
		Target target = target("restart", "");
		long enginePid = Long.parseLong(Files.readString(pidFile).trim());
		Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), "engine-restart-", ".log");
		Process restart;
		CompletableFuture<Answer> redeploy;
		try {
			// held once the old container is stopped and set aside and the new one is in its place
			try (StepGate.Hold hold = this.gate.holdAt(target.node(), RedeployStep.VERIFY)) {
				redeploy = redeployInBackground(target, "2");
				hold.awaitReached(WAIT);
				restart = new ProcessBuilder(engineScript().toString(), "--restart").redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
				awaitExit(enginePid, Duration.ofMinutes(1));
			}
			// released while the engine is down: VERIFY fails, the rollback waits for the engine to come back to
			// remove the new container and rename and start the old one

			JsonNode report = failedReport(redeploy.get(WAIT.toSeconds(), TimeUnit.SECONDS));

			assertThat(restart.waitFor(2, TimeUnit.MINUTES)).as("the engine restarted").isTrue();
			assertThat(restart.exitValue()).as(Files.readString(log)).isZero();
			assertThat(report.get("outcome").asString()).as(report.toString()).isEqualTo("ROLLED_BACK");
			assertThat(report.get("failedStep").asString()).isEqualTo("VERIFY");
			assertThat(report.get("error").asString()).contains("The Docker engine cannot be reached");
			assertOnItsOldContainerWithItsData(target);
			assertBystanderUntouched();
			// and once the engine is back, the service's connections to it work again
			Answer again = redeploy(target.envName(), target.node(), "2");
			assertThat(again.status()).as(again.body()).isEqualTo(200);
			kept(() -> assertThat(exec(this.alice, target.envName(), target.node(), "cat /opt/app/VERSION /tmp/mine"))
				.isEqualTo("2\nmine\n"));
		}
		finally {
			ensureEngineAnswers();
		}
		deleteEnvironment(this.alice, target.envName());
		passed.incrementAndGet();
	}

	// ---------------------------------------------------------------- helpers

	/** A node of alice's on version 1: /tmp/mine listed in its redeploy.conf, /opt/state.txt not. */
	private Target target(String prefix, String moreSetup) {
		String envName = createEnvironment(this.alice, prefix,
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		long node = nodeIds(this.alice, envName, "cp").get(0);
		exec(this.alice, envName, node, "echo mine > /tmp/mine && echo /tmp/mine >> /etc/jelastic/redeploy.conf"
				+ " && echo unlisted > /opt/state.txt" + (moreSetup.isEmpty() ? "" : " && " + moreSetup));
		return new Target(envName, node, node(this.alice, envName, node).get("containerId").asString());
	}

	record Target(String envName, long node, String container) {
	}

	private Answer redeploy(String envName, long node, String tag) {
		return this.client.post(CONTROL + "redeploycontainerbyid", "session", this.alice, "envName", envName, "nodeId", node,
				"tag", tag);
	}

	private CompletableFuture<Answer> redeployInBackground(Target target, String tag) {
		return CompletableFuture.supplyAsync(() -> redeploy(target.envName(), target.node(), tag));
	}

	/** The node's report of a redeploy or restore that failed: 500 with result 600. */
	private static JsonNode failedReport(Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(500);
		assertThat(answer.result()).as(answer.body()).isEqualTo(600);
		return answer.json().get("responses").get(0);
	}

	/** The node is on the very container it had, running version 1, with its kept and its unlisted data. */
	private void assertOnItsOldContainerWithItsData(Target target) {
		kept(() -> {
			JsonNode node = node(this.alice, target.envName(), target.node());
			assertThat(node.get("containerId").asString()).isEqualTo(target.container());
			assertThat(node.get("tag").asString()).isEqualTo("1");
			assertThat(node.get("running").asBoolean()).isTrue();
			assertThat(exec(this.alice, target.envName(), target.node(), "cat /opt/app/VERSION /tmp/mine /opt/state.txt"))
				.isEqualTo("1\nmine\nunlisted\n");
		});
	}

	/** Bob's environment kept its container, running, with its data. */
	private void assertBystanderUntouched() {
		kept(() -> {
			JsonNode node = node(this.bob, this.bystanderEnv, this.bystanderNode);
			assertThat(node.get("containerId").asString()).isEqualTo(this.bystanderContainer);
			assertThat(node.get("running").asBoolean()).isTrue();
			assertThat(exec(this.bob, this.bystanderEnv, this.bystanderNode, "cat /opt/bystander.txt")).isEqualTo("bystander\n");
		});
	}

	/** Runs checks of data that must have survived; a failure counts as data lost. */
	private static void kept(Runnable checks) {
		try {
			checks.run();
		}
		catch (AssertionError | RuntimeException ex) {
			lost.incrementAndGet();
			throw ex;
		}
	}

	private Path archiveRoot() {
		return this.properties.archiveRoot().toAbsolutePath().normalize();
	}

	/** The one archive of the node whose file name starts with {@code prefix} (kind and path slug). */
	private Path archiveOf(String operationId, long node, String prefix) throws IOException {
		try (Stream<Path> files = Files.list(archiveRoot().resolve(operationId).resolve("node" + node))) {
			List<Path> matching = files.filter((file) -> file.getFileName().toString().startsWith(prefix)).toList();
			assertThat(matching).as("archives starting with " + prefix).hasSize(1);
			return matching.get(0);
		}
	}

	private static List<Path> filesUnder(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] gzippedTar(String name, String content) throws IOException {
		byte[] data = content.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream gzip = new GZIPOutputStream(bytes); TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
			TarArchiveEntry entry = new TarArchiveEntry(name);
			entry.setSize(data.length);
			tar.putArchiveEntry(entry);
			tar.write(data);
			tar.closeArchiveEntry();
		}
		return bytes.toByteArray();
	}

	/** Runs a command and returns its output, trimmed. */
	private static String command(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		process.waitFor(1, TimeUnit.MINUTES);
		return output;
	}

	/** scripts/docker-engine.sh of this checkout, found from the module's directory upwards. */
	private static Path engineScript() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path script = dir.resolve("scripts/docker-engine.sh");
			if (Files.isExecutable(script)) {
				return script;
			}
		}
		throw new IllegalStateException("scripts/docker-engine.sh not found above " + Path.of("").toAbsolutePath());
	}

	/** Waits until the process has exited (a zombie counts as exited: nothing may reap it here). */
	private static void awaitExit(long pid, Duration timeout) throws InterruptedException, IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Path stat = Path.of("/proc", Long.toString(pid), "stat");
		while (Files.exists(stat)) {
			String state;
			try {
				String line = Files.readString(stat);
				state = line.substring(line.lastIndexOf(')') + 2, line.lastIndexOf(')') + 3);
			}
			catch (IOException ex) {
				return;
			}
			if (state.equals("Z")) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("dockerd " + pid + " did not stop within " + timeout);
			}
			Thread.sleep(20);
		}
	}

	/**
	 * The tests after this one need the engine: wait for it, and start it if it is not coming back. The
	 * tests' own docker-java client is renewed: its pooled connections died with the old engine.
	 */
	private void ensureEngineAnswers() throws IOException, InterruptedException {
		if (!engineAnswersWithin(Duration.ofSeconds(60))) {
			new ProcessBuilder(engineScript().toString()).inheritIO().start().waitFor(2, TimeUnit.MINUTES);
			engineAnswersWithin(Duration.ofSeconds(60));
		}
		TestDocker.reconnect();
	}

	private boolean engineAnswersWithin(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				this.engine.ping();
				return true;
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() > deadline) {
					return false;
				}
				Thread.sleep(500);
			}
		}
	}

	/**
	 * A tmpfs mounted over a directory for the length of a test: a disk that fills up, or one mounted
	 * read-only (root ignores file modes, so a mode would not do). The test is skipped where it cannot
	 * mount (not root).
	 */
	private record TmpfsMount(Path directory) implements AutoCloseable {

		static TmpfsMount over(Path directory, String options) {
			try {
				Files.createDirectories(directory);
				Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory.toString())
					.redirectErrorStream(true)
					.start();
				String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here (needs root): " + output);
				return new TmpfsMount(directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() {
			try {
				Process umount = new ProcessBuilder("umount", this.directory.toString()).redirectErrorStream(true).start();
				String output = new String(umount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (umount.waitFor() != 0) {
					throw new IllegalStateException("could not unmount " + this.directory + ": " + output);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
