package io.redeploy.core.redeploy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.redeploy.core.ConflictException;
import io.redeploy.core.InvalidInputException;
import io.redeploy.core.NotFoundException;
import io.redeploy.core.access.Caller;
import io.redeploy.core.access.Role;
import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.EnvironmentStatus;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.core.environment.NodeLocks;
import io.redeploy.core.environment.NodeProvisioner;
import io.redeploy.core.environment.NodeSelector;
import io.redeploy.core.environment.NodeStatus;
import io.redeploy.core.runtime.ImageNotFoundException;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryAuthenticationException;
import io.redeploy.core.runtime.RegistryCredentials;
import io.redeploy.core.testing.FakeContainerRuntime;
import io.redeploy.core.testing.InMemoryEnvironmentRepository;
import io.redeploy.core.testing.TickingClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedeployServiceTests {

	private static final Caller ALICE = new Caller("alice", Role.USER);

	private final FakeContainerRuntime runtime = new FakeContainerRuntime();

	private final InMemoryEnvironmentRepository repository = new InMemoryEnvironmentRepository();

	private final RecordingArchiveStore archives = new RecordingArchiveStore();

	private final InMemorySnapshotRepository snapshots = new InMemorySnapshotRepository();

	private final NodeLocks locks = new NodeLocks();

	private final List<RedeployEvent> events = Collections.synchronizedList(new ArrayList<>());

	/** What a test does on an event, between two steps: e.g. damage an archive once it was verified. */
	private volatile RedeployListener between = (event) -> {
	};

	private final List<String> journal = Collections.synchronizedList(new ArrayList<>());

	private final NodeProvisioner provisioner = new NodeProvisioner(this.runtime, Duration.ofSeconds(1));

	private final RedeployService service = new RedeployService(this.repository, this.provisioner, this.locks,
			this.archives, this.snapshots, new RecordingJournal(), this::heard, new TickingClock(),
			new RedeploySettings(Duration.ofSeconds(5), Duration.ofMillis(1), 1, 4, Duration.ofSeconds(5)));

	private final Environment shop = new Environment("shop", "alice", EnvironmentStatus.RUNNING, Instant.EPOCH);

	@BeforeEach
	void createEnvironment() {
		this.runtime.addRegistryImage("repo/app:1");
		this.runtime.addRegistryImage("repo/app:2");
		this.runtime.addLocalImage("repo/app:1");
		this.repository.insert(this.shop);
	}

	@Test
	void redeployRecreatesTheNodeFromTheNewImageAndKeepsTheOldContainerAsSnapshot() {
		Node node = addNode("cp", NodeConfig.empty().plusEnv(Map.of("MODE", "prod")));

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertThat(report.result()).isEqualTo(RedeployReport.Result.OK);
		NodeReport nodeReport = report.nodes().get(0);
		assertThat(nodeReport.outcome()).isEqualTo(NodeOutcome.SUCCESS);
		assertThat(nodeReport.oldImage()).isEqualTo("repo/app:1");
		assertThat(nodeReport.newImage()).isEqualTo("repo/app:2");
		Node stored = this.repository.findNode(node.id()).orElseThrow();
		assertThat(stored.image()).isEqualTo(ImageRef.parse("repo/app:2"));
		assertThat(stored.containerId()).isNotEqualTo(node.containerId());
		assertThat(stored.status()).isEqualTo(NodeStatus.RUNNING);
		FakeContainerRuntime.Container fresh = this.runtime.container(stored.containerId()).orElseThrow();
		assertThat(fresh.name).isEqualTo("shop-node" + node.id());
		assertThat(fresh.running).isTrue();
		assertThat(fresh.spec.env()).containsEntry("MODE", "prod");
		FakeContainerRuntime.Container old = this.runtime.container(node.containerId()).orElseThrow();
		assertThat(old.running).isFalse();
		assertThat(old.name).startsWith("shop-node" + node.id() + "-snapshot-" + report.operationId().substring(0, 8));
		List<Snapshot> kept = this.service.snapshots(ALICE, "shop", node.id());
		assertThat(kept).singleElement().satisfies((snapshot) -> {
			assertThat(snapshot.containerId()).isEqualTo(node.containerId());
			assertThat(snapshot.image()).isEqualTo(ImageRef.parse("repo/app:1"));
			assertThat(snapshot.operationId()).isEqualTo(report.operationId());
			assertThat(snapshot.config()).isEqualTo(node.config());
		});
	}

	@Test
	void redeployFillsTheNewContainerBesideTheRunningOldOneAndOnlyThenStopsTheOldOne() {
		Node node = addNode("cp", withVolumes("/data"));

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertThat(report.nodes().get(0).steps()).extracting(StepTiming::step)
			.containsExactly(RedeployStep.PLAN, RedeployStep.ARCHIVE, RedeployStep.VERIFY_ARCHIVES, RedeployStep.CREATE,
					RedeployStep.RESTORE, RedeployStep.STOP, RedeployStep.VERIFY, RedeployStep.COMMIT);
		String name = "shop-node" + node.id();
		String operation = report.operationId().substring(0, 8);
		String fresh = this.repository.findNode(node.id()).orElseThrow().containerId();
		List<String> calls = this.runtime.calls();
		assertThat(calls.get(0)).isEqualTo("pull repo/app:2");
		assertThat(calls).containsSubsequence("readFile " + node.containerId() + " " + RedeployConf.PATH,
				"openArchive " + node.containerId() + " /var/lib/jelastic", "create " + name + "-new-" + operation + " repo/app:2",
				"stop " + node.containerId(), "rename " + node.containerId() + " " + name + "-snapshot-" + operation,
				"rename " + fresh + " " + name, "start " + fresh);
		int stop = calls.indexOf("stop " + node.containerId());
		assertThat(calls.subList(0, stop)).anyMatch((call) -> call.startsWith("put " + fresh + " /"))
			.as("the kept volume's rollback copy is taken while the old container serves")
			.contains("openArchive " + node.containerId() + " /data");
		assertThat(calls.subList(stop, calls.size())).noneMatch((call) -> call.startsWith("create") || call.startsWith("put")
				|| call.startsWith("openArchive") || call.startsWith("writeFile"));
		List<String> store = this.archives.calls();
		assertThat(store.indexOf("manifest")).isGreaterThan(store.lastIndexOf("verify /var/lib/jelastic"));
		assertThat(this.archives.manifests).singleElement().satisfies((manifest) -> {
			assertThat(manifest.oldImage()).isEqualTo(ImageRef.parse("repo/app:1"));
			assertThat(manifest.config()).isEqualTo(node.config());
		});
	}

	@Test
	void redeployArchivesThePlatformDirectoryVolumesAndRedeployConfPathsSeparately() {
		Node node = addNode("cp", withVolumes("/var/www"));
		writeConf(node, "/etc/nginx/nginx.conf\n/etc/php.ini backup\n# a comment\n/var/lib/jelastic/extra\n");

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertThat(report.nodes().get(0).archives()).extracting(ArchiveInfo::kind, ArchiveInfo::containerPath)
			.contains(org.assertj.core.groups.Tuple.tuple(ArchiveKind.PLATFORM, "/var/lib/jelastic"),
					org.assertj.core.groups.Tuple.tuple(ArchiveKind.VOLUME, "/var/www"),
					org.assertj.core.groups.Tuple.tuple(ArchiveKind.KEPT_PATH, "/etc/nginx/nginx.conf"),
					org.assertj.core.groups.Tuple.tuple(ArchiveKind.KEPT_PATH, "/etc/jelastic/redeploy.conf"),
					org.assertj.core.groups.Tuple.tuple(ArchiveKind.KEPT_PATH, "/root/.bash_profile"),
					org.assertj.core.groups.Tuple.tuple(ArchiveKind.BACKUP_FILE, "/etc/php.ini"));
		// inside /var/lib/jelastic, which is kept whole
		assertThat(this.archives.calls()).doesNotContain("save KEPT_PATH /var/lib/jelastic/extra", "save KEPT_PATH /var/lib/jelastic/keys");
	}

	@Test
	void restorePutsKeptPathsBackAndBackupFilesBesideTheNewOnesButLeavesKeptVolumesAlone() {
		Node node = addNode("cp", withVolumes("/var/www"));
		writeConf(node, "/etc/php.ini backup\n");

		this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertThat(this.archives.calls()).contains("restore /var/lib/jelastic AS_IS", "restore /etc/jelastic/redeploy.conf AS_IS",
				"restore /etc/php.ini AS_BACKUP");
		assertThat(this.archives.calls()).noneMatch((call) -> call.startsWith("restore /var/www"));
		Node stored = this.repository.findNode(node.id()).orElseThrow();
		assertThat(this.runtime.container(stored.containerId()).orElseThrow().archives).contains(
				"restore:/var/lib/jelastic:AS_IS", "restore:/etc/php.ini:AS_BACKUP");
		assertThat(this.runtime.container(stored.containerId()).orElseThrow().spec.volumes())
			.extracting((mount) -> mount.volumeName())
			.containsExactly(NodeContainers.volumeName("shop", node.id(), "/var/www"));
	}

	@Test
	void missingPathsAndRefusedLinesAreWarningsNotFailures() {
		Node node = addNode("cp", NodeConfig.empty());
		writeConf(node, "/opt/gone\n../etc/shadow\n/proc/self/environ\n");
		this.runtime.removePath("/opt/gone");

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		NodeReport nodeReport = report.nodes().get(0);
		assertThat(nodeReport.outcome()).isEqualTo(NodeOutcome.SUCCESS);
		assertThat(nodeReport.warnings()).anyMatch((warning) -> warning.contains("/opt/gone") && warning.contains("does not exist"))
			.anyMatch((warning) -> warning.contains("line 4") && warning.contains("../etc/shadow"))
			.anyMatch((warning) -> warning.contains("line 5") && warning.contains("/proc"));
	}

	@Test
	void aDirectoryMarkedBackupIsAWarningAndIsNotRestored() {
		Node node = addNode("cp", NodeConfig.empty());
		writeConf(node, "/etc/nginx backup\n");
		this.archives.directories.add("/etc/nginx");

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertThat(report.nodes().get(0).outcome()).isEqualTo(NodeOutcome.SUCCESS);
		assertThat(report.nodes().get(0).warnings()).anyMatch((warning) -> warning.contains("/etc/nginx") && warning.contains("files only"));
		assertThat(this.archives.calls()).noneMatch((call) -> call.startsWith("restore /etc/nginx"));
	}

	@Test
	void theImageIsPulledOnceBeforeAnyContainerIsTouched() {
		addNode("cp", NodeConfig.empty());
		addNode("cp", NodeConfig.empty());
		addNode("cp", NodeConfig.empty());

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.group("cp"), "2"));

		assertThat(report.result()).isEqualTo(RedeployReport.Result.OK);
		assertThat(this.runtime.calls()).filteredOn((call) -> call.startsWith("pull")).containsExactly("pull repo/app:2");
		assertThat(this.runtime.calls().get(0)).isEqualTo("pull repo/app:2");
	}

	@Test
	void aMissingImageFailsTheCallWithEveryNodeUntouched() {
		Node node = addNode("cp", NodeConfig.empty());

		assertThatExceptionOfType(ImageNotFoundException.class)
			.isThrownBy(() -> this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.group("cp"), "3")));

		assertThat(this.runtime.calls()).containsExactly("pull repo/app:3");
		assertThat(this.repository.findNode(node.id())).contains(node);
		assertThat(this.locks.isBusy(node.id())).isFalse();
	}

	@Test
	void aRefusedLoginFailsTheCallEvenWhenTheImageIsLocal() {
		Node node = addNode("cp", NodeConfig.empty());
		this.runtime.addRegistryImage("registry.example.com/app:2", "bob", "secret");
		this.runtime.addLocalImage("registry.example.com/app:2");
		RedeployRequest request = new RedeployRequest("shop", NodeSelector.node(node.id()), "registry.example.com/app:2",
				true, false, Optional.of(new RegistryCredentials("bob", "wrong")), true, Duration.ZERO);

		assertThatExceptionOfType(RegistryAuthenticationException.class).isThrownBy(() -> this.service.redeploy(ALICE, request));

		assertThat(this.runtime.calls()).containsExactly("pull registry.example.com/app:2");
	}

	@Test
	void anImageOnlyTheEngineHasIsUsedWhenNoCredentialsAreGiven() {
		Node node = addNode("cp", NodeConfig.empty());
		this.runtime.addLocalImage("repo/app:local");

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "local"));

		assertThat(report.result()).isEqualTo(RedeployReport.Result.OK);
	}

	@Test
	void aFullReferenceReplacesTheRepository() {
		Node node = addNode("cp", NodeConfig.empty());
		this.runtime.addRegistryImage("other/app:5");

		this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "other/app:5"));

		assertThat(this.repository.findNode(node.id()).orElseThrow().image()).isEqualTo(ImageRef.parse("other/app:5"));
	}

	@Test
	void aSequentialRedeployStopsAtTheFirstFailureAndSkipsTheRest() {
		Node first = addNode("cp", NodeConfig.empty());
		Node second = addNode("cp", NodeConfig.empty());
		Node third = addNode("cp", NodeConfig.empty());
		this.runtime.failOn("stop " + second.containerId());

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.group("cp"), "2"));

		assertThat(report.result()).isEqualTo(RedeployReport.Result.FAILED);
		assertThat(report.nodes()).extracting(NodeReport::outcome)
			.containsExactly(NodeOutcome.SUCCESS, NodeOutcome.ROLLED_BACK, NodeOutcome.SKIPPED);
		assertThat(report.nodes().get(2).error()).hasValueSatisfying((error) -> assertThat(error).contains("skipped"));
		assertThat(this.repository.findNode(first.id()).orElseThrow().image().tag()).isEqualTo("2");
		assertThat(this.repository.findNode(second.id())).contains(second);
		assertThat(this.repository.findNode(third.id())).contains(third);
		assertThat(this.runtime.calls()).noneMatch((call) -> call.contains(third.containerId()));
	}

	@Test
	void aSequentialRedeployWaitsTheDelayBetweenNodes() {
		addNode("cp", NodeConfig.empty());
		addNode("cp", NodeConfig.empty());
		RedeployRequest request = new RedeployRequest("shop", NodeSelector.group("cp"), "2", true, false, Optional.empty(),
				true, Duration.ofMillis(300));

		long start = System.nanoTime();
		this.service.redeploy(ALICE, request);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void aSimultaneousRedeployRollsBackOnlyTheNodeThatFailed() {
		Node first = addNode("cp", NodeConfig.empty());
		Node second = addNode("cp", NodeConfig.empty());
		Node third = addNode("cp", NodeConfig.empty());
		this.runtime.failOn("stop " + second.containerId());
		RedeployRequest request = new RedeployRequest("shop", NodeSelector.group("cp"), "2", true, false, Optional.empty(),
				false, Duration.ZERO);

		RedeployReport report = this.service.redeploy(ALICE, request);

		assertThat(report.result()).isEqualTo(RedeployReport.Result.FAILED);
		assertThat(report.nodes()).extracting(NodeReport::nodeId).containsExactly(first.id(), second.id(), third.id());
		assertThat(report.nodes()).extracting(NodeReport::outcome)
			.containsExactly(NodeOutcome.SUCCESS, NodeOutcome.ROLLED_BACK, NodeOutcome.SUCCESS);
		assertThat(this.repository.findNode(third.id()).orElseThrow().image().tag()).isEqualTo("2");
		assertThat(this.repository.findNode(second.id())).contains(second);
	}

	@ParameterizedTest
	@CsvSource({ "readFile OLD, PLAN", "openArchive OLD, ARCHIVE", "stop OLD, STOP", "rename OLD, STOP",
			"create shop-node, CREATE", "writeFile NEW, CREATE", "put NEW, RESTORE", "rename NEW, STOP",
			"start NEW, VERIFY" })
	void aFailureAtAnyStepRollsTheNodeBack(String failingCall, RedeployStep step) {
		Node node = addNode("cp", withVolumes("/data"));
		this.runtime.failOn(failingCall.replace("OLD", node.containerId()).replace("NEW", "c2"));

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertRolledBack(report, node, step);
	}

	@ParameterizedTest
	@CsvSource({ "create shop-node, CREATE", "writeFile NEW, CREATE", "put NEW, RESTORE" })
	void aFailureWhileTheNewContainerIsMadeNeverStopsTheOldOne(String failingCall, RedeployStep step) {
		Node node = addNode("cp", withVolumes("/data"));
		this.runtime.failOn(failingCall.replace("NEW", "c2"));

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertRolledBack(report, node, step);
		assertThat(this.runtime.calls()).noneMatch((call) -> call.startsWith("stop " + node.containerId())
				|| call.startsWith("rename " + node.containerId()));
	}

	@Test
	void aRedeployReportsHowLongTheNodeWasUnavailableAndARollbackReportsNone() {
		Node node = addNode("cp", NodeConfig.empty());
		Node other = addNode("cp", NodeConfig.empty());

		RedeployReport done = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));
		this.runtime.failOn("put");
		RedeployReport failed = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(other.id()), "2"));

		NodeReport nodeReport = done.nodes().get(0);
		long stopToStart = nodeReport.steps().stream()
			.filter((timing) -> timing.step() == RedeployStep.STOP || timing.step() == RedeployStep.VERIFY)
			.mapToLong(StepTiming::millis)
			.sum();
		assertThat(nodeReport.unavailableMillis()).isPresent();
		assertThat(nodeReport.unavailableMillis().getAsLong()).isBetween(0L, stopToStart);
		assertThat(failed.nodes().get(0).outcome()).isEqualTo(NodeOutcome.ROLLED_BACK);
		assertThat(failed.nodes().get(0).unavailableMillis()).isEmpty();
	}

	@Test
	void aFailedCommitRollsTheNodeBackAndForgetsTheSnapshotItHadRecorded() {
		Node node = addNode("cp", withVolumes("/data"));
		this.repository.failUpdatesTo("c2");

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertRolledBack(report, node, RedeployStep.COMMIT);
	}

	@Test
	void anArchiveThatFailsVerificationRollsTheNodeBackBeforeItIsStopped() {
		Node node = addNode("cp", NodeConfig.empty());
		this.archives.damaged.add("/var/lib/jelastic");

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertRolledBack(report, node, RedeployStep.VERIFY_ARCHIVES);
		assertThat(this.runtime.calls()).doesNotContain("stop " + node.containerId());
		assertThat(this.archives.calls()).contains("delete " + report.operationId() + " " + node.id());
	}

	@Test
	void anArchiveChangedOnDiskAfterItsVerificationFailsTheRestoreAndRollsTheNodeBack() {
		Node node = addNode("cp", NodeConfig.empty());
		this.between = (event) -> {
			if (event instanceof RedeployEvent.StepStarted started && started.step() == RedeployStep.CREATE) {
				this.archives.damaged.add("/var/lib/jelastic");
			}
		};

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertRolledBack(report, node, RedeployStep.RESTORE);
		assertThat(report.nodes().get(0).error()).hasValueSatisfying((error) -> assertThat(error).contains("checksum"));
		assertThat(this.runtime.calls()).noneMatch((call) -> call.startsWith("start c2"));
	}

	@Test
	void restoreBackupChecksTheVolumeCopiesAgainRightBeforeExtractingThemIntoLiveVolumes() {
		Node node = addNode("cp", withVolumes("/data"));
		this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));
		Node current = this.repository.findNode(node.id()).orElseThrow();
		Snapshot snapshot = this.service.snapshots(ALICE, "shop", node.id()).get(0);
		this.between = (event) -> {
			if (event instanceof RedeployEvent.StepStarted started && started.step() == RedeployStep.RESTORE) {
				this.archives.damaged.add("/data");
			}
		};

		RedeployReport report = this.service.restoreBackup(ALICE, "shop", node.id(), snapshot.id(), true);

		assertThat(report.nodes().get(0).outcome()).isEqualTo(NodeOutcome.ROLLED_BACK);
		assertThat(report.nodes().get(0).failedStep()).contains(RedeployStep.RESTORE);
		assertThat(report.nodes().get(0).error()).hasValueSatisfying((error) -> assertThat(error).contains("checksum"));
		assertThat(this.archives.calls()).doesNotContain("restore /data AS_IS");
		assertThat(this.runtime.container(node.containerId()).orElseThrow().archives).isEmpty();
		assertThat(this.repository.findNode(node.id())).contains(current);
		assertThat(this.runtime.container(current.containerId()).orElseThrow().running).isTrue();
	}

	@Test
	void theRollbackWaitsForAnEngineThatRestartsAndPutsTheNodeBack() {
		Node node = addNode("cp", NodeConfig.empty());
		this.runtime.unreachableFrom("create shop-node", 3);

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertRolledBack(report, node, RedeployStep.CREATE);
		assertThat(report.nodes().get(0).error()).hasValueSatisfying((error) -> assertThat(error).contains("cannot be reached"));
	}

	@Test
	void theRollbackGivesUpOnAnEngineThatStaysAwayPastTheReconnectTimeout() {
		Node node = addNode("cp", NodeConfig.empty());
		this.runtime.unreachableFrom("start c", Integer.MAX_VALUE);

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		NodeReport nodeReport = report.nodes().get(0);
		assertThat(nodeReport.outcome()).isEqualTo(NodeOutcome.FAILED);
		assertThat(nodeReport.failedStep()).contains(RedeployStep.VERIFY);
		assertThat(nodeReport.error()).hasValueSatisfying((error) -> assertThat(error).contains("rollback incomplete")
			.contains("could not start the old container again")
			.contains("gave up waiting for the engine after 5 s"));
		// a bounded wait: a few tries of the first call, then one try of each later one
		assertThat(this.runtime.calls()).filteredOn((call) -> call.startsWith("start " + node.containerId())).hasSize(1);
		List<String> calls = this.runtime.calls();
		assertThat(calls.subList(calls.indexOf("stop " + node.containerId()), calls.size())).hasSizeLessThan(20);
		assertThat(this.locks.isBusy(node.id())).isFalse();
	}

	@Test
	void aRollbackCallTheEngineRefusesIsNotRetried() {
		Node node = addNode("cp", NodeConfig.empty());
		this.between = (event) -> {
			if (event instanceof RedeployEvent.StepStarted started && started.step() == RedeployStep.VERIFY) {
				this.runtime.failOn("start c");
				this.runtime.failOn("rename " + node.containerId() + " shop-node" + node.id());
			}
		};

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertThat(report.nodes().get(0).outcome()).isEqualTo(NodeOutcome.FAILED);
		assertThat(report.nodes().get(0).error()).hasValueSatisfying((error) -> assertThat(error)
			.contains("could not rename the old container back: injected failure"));
		assertThat(this.runtime.calls()).filteredOn((call) -> call.equals("rename " + node.containerId() + " shop-node" + node.id()))
			.hasSize(1);
	}

	@Test
	void anUnhealthyNewContainerRollsTheNodeBack() {
		Node node = addNode("cp", NodeConfig.empty());
		this.runtime.makeUnhealthy("repo/app:2");

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertRolledBack(report, node, RedeployStep.VERIFY);
		assertThat(report.nodes().get(0).error()).hasValueSatisfying((error) -> assertThat(error).contains("unhealthy"));
	}

	@Test
	void aSecondRedeployOfABusyNodeIsRefusedWithConflict() {
		Node node = addNode("cp", NodeConfig.empty());

		this.locks.runLocked(List.of(node), "redeploy", () -> assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"))));

		assertThat(this.runtime.calls()).isEmpty();
	}

	@Test
	void nodeIdWinsOverNodeGroup() {
		addNode("cp", NodeConfig.empty());
		Node second = addNode("cp", NodeConfig.empty());
		addNode("sqldb", NodeConfig.empty());

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.of(second.id(), "sqldb"), "2"));

		assertThat(report.nodes()).extracting(NodeReport::nodeId).containsExactly(second.id());
	}

	@Test
	void neitherNodeIdNorNodeGroupIsInvalidInput() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> RedeployRequest.of("shop", NodeSelector.of(null, null), "2"))
			.withMessageContaining("nodeId or nodeGroup");
	}

	@Test
	void anotherUsersEnvironmentCannotBeRedeployed() {
		Node node = addNode("cp", NodeConfig.empty());

		assertThatExceptionOfType(io.redeploy.core.AccessDeniedException.class).isThrownBy(() -> this.service
			.redeploy(new Caller("mallory", Role.USER), RedeployRequest.of("shop", NodeSelector.node(node.id()), "2")));
	}

	@Test
	void onlyTheLatestSnapshotOfANodeIsKeptByDefault() {
		Node node = addNode("cp", NodeConfig.empty());
		this.runtime.addRegistryImage("repo/app:3");
		RedeployReport first = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));
		String secondContainer = this.repository.findNode(node.id()).orElseThrow().containerId();

		RedeployReport second = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "3"));

		assertThat(second.result()).isEqualTo(RedeployReport.Result.OK);
		assertThat(this.service.snapshots(ALICE, "shop", node.id())).singleElement().satisfies((snapshot) -> {
			assertThat(snapshot.containerId()).isEqualTo(secondContainer);
			assertThat(snapshot.image().tag()).isEqualTo("2");
		});
		assertThat(this.runtime.container(node.containerId())).isEmpty();
		assertThat(this.archives.calls()).contains("delete " + first.operationId() + " " + node.id());
	}

	@Test
	void withoutExistingVolumesTheNewContainerGetsFreshVolumesAndTheOldOnesGoWithTheirSnapshot() {
		Node node = addNode("cp", withVolumes("/data"));
		String oldVolume = NodeContainers.volumeName("shop", node.id(), "/data");
		RedeployRequest fresh = new RedeployRequest("shop", NodeSelector.node(node.id()), "2", false, false, Optional.empty(),
				true, Duration.ZERO);

		RedeployReport report = this.service.redeploy(ALICE, fresh);

		Node stored = this.repository.findNode(node.id()).orElseThrow();
		String newVolume = NodeContainers.volumeName("shop", node.id(), "/data", stored.config().volumeSet());
		assertThat(stored.config().volumeSet()).isEqualTo("v" + report.operationId().substring(0, 8));
		assertThat(this.runtime.container(stored.containerId()).orElseThrow().spec.volumes()).extracting((mount) -> mount.volumeName())
			.containsExactly(newVolume);
		assertThat(this.runtime.volumes()).contains(oldVolume, newVolume);
		assertThat(this.archives.calls()).contains("save VOLUME /data").noneMatch((call) -> call.startsWith("restore /data"));

		this.runtime.addRegistryImage("repo/app:3");
		this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "3"));

		assertThat(this.runtime.volumes()).contains(newVolume).doesNotContain(oldVolume);
	}

	@Test
	void aFailedRedeployWithFreshVolumesRemovesThem() {
		Node node = addNode("cp", withVolumes("/data"));
		this.runtime.failOn("start c2");
		RedeployRequest fresh = new RedeployRequest("shop", NodeSelector.node(node.id()), "2", false, false, Optional.empty(),
				true, Duration.ZERO);

		RedeployReport report = this.service.redeploy(ALICE, fresh);

		assertRolledBack(report, node, RedeployStep.VERIFY);
		assertThat(this.runtime.volumes()).containsExactly(NodeContainers.volumeName("shop", node.id(), "/data"));
	}

	@Test
	void skipReinstallMergesTheOldFileSystemWithoutWhatTheNewImageHas() {
		Node node = addNode("cp", withVolumes("/data"));
		RedeployRequest merge = new RedeployRequest("shop", NodeSelector.node(node.id()), "2", true, true, Optional.empty(),
				true, Duration.ZERO);

		RedeployReport report = this.service.redeploy(ALICE, merge);

		assertThat(report.nodes().get(0).steps()).extracting(StepTiming::step).contains(RedeployStep.MERGE);
		Node stored = this.repository.findNode(node.id()).orElseThrow();
		assertThat(this.runtime.calls()).containsSubsequence("openArchive " + stored.containerId() + " /",
				"openArchive " + node.containerId() + " /", "put " + stored.containerId() + " / merged:tar:" + node.containerId() + ":/");
		assertThat(this.runtime.container(stored.containerId()).orElseThrow().archives.get(0)).startsWith("merged:");
		assertThat(this.runtime.container(stored.containerId()).orElseThrow().archives).contains("restore:/var/lib/jelastic:AS_IS");
		var exclude = this.archives.lastExclude;
		assertThat(exclude.test("/etc/nginx.conf")).isTrue();
		assertThat(exclude.test("/proc/1/environ")).isTrue();
		assertThat(exclude.test("/data/db")).isTrue();
		assertThat(exclude.test("/etc/hosts")).isTrue();
		assertThat(exclude.test("/home/app/notes.txt")).isFalse();
	}

	@Test
	void rollbackPutsTheNodeBackOnItsLatestSnapshot() {
		Node node = addNode("cp", NodeConfig.empty().plusEnv(Map.of("A", "1")));
		this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));
		String replaced = this.repository.findNode(node.id()).orElseThrow().containerId();

		RedeployReport report = this.service.rollback(ALICE, "shop", NodeSelector.node(node.id()));

		assertThat(report.result()).isEqualTo(RedeployReport.Result.OK);
		Node stored = this.repository.findNode(node.id()).orElseThrow();
		assertThat(stored.containerId()).isEqualTo(node.containerId());
		assertThat(stored.image()).isEqualTo(node.image());
		assertThat(stored.config()).isEqualTo(node.config());
		FakeContainerRuntime.Container back = this.runtime.container(node.containerId()).orElseThrow();
		assertThat(back.name).isEqualTo("shop-node" + node.id());
		assertThat(back.running).isTrue();
		assertThat(this.runtime.container(replaced).orElseThrow().running).isFalse();
		assertThat(this.service.snapshots(ALICE, "shop", node.id())).singleElement()
			.satisfies((snapshot) -> assertThat(snapshot.containerId()).isEqualTo(replaced));
	}

	@Test
	void restoreBackupWithVolumesExtractsTheArchivedVolumeCopies() {
		Node node = addNode("cp", withVolumes("/data"));
		this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));
		Snapshot snapshot = this.service.snapshots(ALICE, "shop", node.id()).get(0);

		RedeployReport report = this.service.restoreBackup(ALICE, "shop", node.id(), snapshot.id(), true);

		assertThat(report.result()).isEqualTo(RedeployReport.Result.OK);
		assertThat(this.runtime.container(node.containerId()).orElseThrow().archives).containsExactly("restore:/data:AS_IS");
	}

	@Test
	void aFailedRestorePutsTheCurrentContainerBack() {
		Node node = addNode("cp", NodeConfig.empty());
		this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));
		Node current = this.repository.findNode(node.id()).orElseThrow();
		Snapshot snapshot = this.service.snapshots(ALICE, "shop", node.id()).get(0);
		this.runtime.failOn("start " + node.containerId());

		RedeployReport report = this.service.restoreBackup(ALICE, "shop", node.id(), snapshot.id(), false);

		assertThat(report.nodes().get(0).outcome()).isEqualTo(NodeOutcome.ROLLED_BACK);
		assertThat(report.nodes().get(0).failedStep()).contains(RedeployStep.VERIFY);
		assertThat(this.repository.findNode(node.id())).contains(current);
		assertThat(this.runtime.container(current.containerId()).orElseThrow().name).isEqualTo("shop-node" + node.id());
		assertThat(this.runtime.container(current.containerId()).orElseThrow().running).isTrue();
		assertThat(this.runtime.container(node.containerId()).orElseThrow().name).contains("-snapshot-");
		assertThat(this.snapshots.find(snapshot.id())).isPresent();
	}

	@Test
	void aRestoreWhoseCommitFailsKeepsItsSnapshotAndRecordsNoOther() {
		Node node = addNode("cp", NodeConfig.empty());
		this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));
		Node current = this.repository.findNode(node.id()).orElseThrow();
		Snapshot snapshot = this.service.snapshots(ALICE, "shop", node.id()).get(0);
		this.repository.failUpdatesTo(node.containerId());

		RedeployReport report = this.service.restoreBackup(ALICE, "shop", node.id(), snapshot.id(), false);

		assertThat(report.nodes().get(0).outcome()).isEqualTo(NodeOutcome.ROLLED_BACK);
		assertThat(report.nodes().get(0).failedStep()).contains(RedeployStep.COMMIT);
		assertThat(this.repository.findNode(node.id())).contains(current);
		assertThat(this.runtime.container(current.containerId()).orElseThrow().running).isTrue();
		assertThat(this.snapshots.findByNode(node.id())).containsExactly(snapshot);
	}

	@Test
	void restoringAnotherNodesSnapshotIsNotFound() {
		Node first = addNode("cp", NodeConfig.empty());
		Node second = addNode("cp", NodeConfig.empty());
		this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(first.id()), "2"));
		Snapshot snapshot = this.service.snapshots(ALICE, "shop", first.id()).get(0);

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.service.restoreBackup(ALICE, "shop", second.id(), snapshot.id(), false));
	}

	@Test
	void rollbackOfANodeWithoutSnapshotSkipsIt() {
		Node node = addNode("cp", NodeConfig.empty());

		RedeployReport report = this.service.rollback(ALICE, "shop", NodeSelector.node(node.id()));

		assertThat(report.nodes()).singleElement().satisfies((nodeReport) -> {
			assertThat(nodeReport.outcome()).isEqualTo(NodeOutcome.SKIPPED);
			assertThat(nodeReport.error()).hasValueSatisfying((error) -> assertThat(error).contains("no snapshot"));
		});
	}

	@Test
	void progressEventsAndTheJournalFollowTheOperation() {
		Node node = addNode("cp", NodeConfig.empty());

		RedeployReport report = this.service.redeploy(ALICE, RedeployRequest.of("shop", NodeSelector.node(node.id()), "2"));

		assertThat(this.events.get(0)).isInstanceOf(RedeployEvent.OperationStarted.class);
		assertThat(this.events.get(this.events.size() - 1)).isEqualTo(new RedeployEvent.OperationFinished(report.operationId(), RedeployReport.Result.OK));
		assertThat(this.events).filteredOn(RedeployEvent.StepFinished.class::isInstance).hasSize(8);
		assertThat(this.events).allMatch((event) -> event.operationId().equals(report.operationId()));
		assertThat(this.journal).first().isEqualTo("started REDEPLOY");
		assertThat(this.journal).contains("step " + node.id() + " STOP", "node " + node.id() + " SUCCESS").last().isEqualTo("finished OK");
	}

	@Test
	void theRedeployingReplacerKeepsTheDataOfANodeWhoseConfigurationChanged() {
		Node node = addNode("cp", NodeConfig.empty());
		RedeployingNodeReplacer replacer = new RedeployingNodeReplacer(this.service);
		Node changed = node.withConfig(node.config().plusEnv(Map.of("NEW", "yes")));

		Node replaced = replacer.replace(this.shop, changed);

		assertThat(replaced.image()).isEqualTo(node.image());
		assertThat(replaced.config().env()).containsEntry("NEW", "yes");
		FakeContainerRuntime.Container fresh = this.runtime.container(replaced.containerId()).orElseThrow();
		assertThat(fresh.spec.env()).containsEntry("NEW", "yes");
		assertThat(fresh.archives).contains("restore:/var/lib/jelastic:AS_IS");
		assertThat(this.runtime.calls()).noneMatch((call) -> call.startsWith("pull"));
	}

	@Test
	void theRedeployingReplacerThrowsWhenTheNodeHadToBeRolledBack() {
		Node node = addNode("cp", NodeConfig.empty());
		this.runtime.failOn("start c2");

		assertThatExceptionOfType(NodeRedeployException.class)
			.isThrownBy(() -> new RedeployingNodeReplacer(this.service).replace(this.shop, node.withConfig(node.config().plusEnv(Map.of("X", "1")))))
			.satisfies((ex) -> assertThat(ex.step()).isEqualTo(RedeployStep.VERIFY));
		assertThat(this.repository.findNode(node.id())).contains(node);
	}

	private void heard(RedeployEvent event) {
		this.events.add(event);
		this.between.on(event);
	}

	private void assertRolledBack(RedeployReport report, Node node, RedeployStep step) {
		assertThat(report.result()).isEqualTo(RedeployReport.Result.FAILED);
		NodeReport nodeReport = report.nodes().get(0);
		assertThat(nodeReport.outcome()).isEqualTo(NodeOutcome.ROLLED_BACK);
		assertThat(nodeReport.failedStep()).contains(step);
		assertThat(nodeReport.error()).hasValueSatisfying((error) -> assertThat(error).isNotBlank());
		assertThat(this.repository.findNode(node.id())).contains(node);
		FakeContainerRuntime.Container old = this.runtime.container(node.containerId()).orElseThrow();
		assertThat(old.name).isEqualTo("shop-node" + node.id());
		assertThat(old.running).isTrue();
		assertThat(this.runtime.listContainers(Map.of())).hasSize(this.repository.nodes("shop").size());
		assertThat(this.snapshots.findByNode(node.id())).isEmpty();
		assertThat(this.locks.isBusy(node.id())).isFalse();
	}

	private Node addNode(String group, NodeConfig config) {
		long id = this.repository.nextNodeId();
		Node node = new Node(id, "shop", group, ImageRef.parse("repo/app:1"), "", NodeStatus.RUNNING, config);
		String containerId = this.provisioner.create(this.shop, node, node.image(), NodeContainers.containerName("shop", id),
				this.repository.nodes("shop"));
		this.runtime.startContainer(containerId);
		Node running = node.withContainer(containerId, NodeStatus.RUNNING);
		this.repository.insertNode(running);
		this.runtime.clearCalls();
		return running;
	}

	private void writeConf(Node node, String extra) {
		String conf = "/etc/jelastic/redeploy.conf\n${home}/.bash_profile\n" + extra;
		this.runtime.container(node.containerId()).orElseThrow().files.put(RedeployConf.PATH, conf.getBytes(StandardCharsets.UTF_8));
	}

	private static NodeConfig withVolumes(String... paths) {
		return new NodeConfig(Map.of(), List.of(), List.of(), List.of(), List.of(paths), List.of(), "", 0);
	}

	private final class RecordingJournal implements OperationJournal {

		@Override
		public void started(Operation operation) {
			RedeployServiceTests.this.journal.add("started " + operation.kind());
		}

		@Override
		public void stepReached(String operationId, long nodeId, RedeployStep step) {
			RedeployServiceTests.this.journal.add("step " + nodeId + " " + step);
		}

		@Override
		public void nodeFinished(String operationId, NodeReport report) {
			RedeployServiceTests.this.journal.add("node " + report.nodeId() + " " + report.outcome());
		}

		@Override
		public void finished(String operationId, RedeployReport.Result result) {
			RedeployServiceTests.this.journal.add("finished " + result);
		}

	}

}
