package io.redeploy.core.redeploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.EnvironmentStatus;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.core.environment.NodeLocks;
import io.redeploy.core.environment.NodeProvisioner;
import io.redeploy.core.environment.NodeStatus;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.testing.FakeContainerRuntime;
import io.redeploy.core.testing.InMemoryEnvironmentRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The states a killed service leaves at and around a commit, made by hand on the fakes the way the
 * scripts leave them, and what recovery makes of each. ({@code KillFaultIT} kills a real service at
 * every step boundary; the moments inside a commit are made here.)
 */
class OperationRecoveryTests {

	private static final String OPERATION = "0badc0de-0000-0000-0000-000000000000";

	private static final String EARLIER = "5eed0000-0000-0000-0000-000000000000";

	private final FakeContainerRuntime runtime = new FakeContainerRuntime();

	private final InMemoryEnvironmentRepository repository = new InMemoryEnvironmentRepository();

	private final InMemorySnapshotRepository snapshots = new InMemorySnapshotRepository();

	private final NodeProvisioner provisioner = new NodeProvisioner(this.runtime, Duration.ofSeconds(1));

	private final List<OperationJournal.UnfinishedOperation> unfinished = new ArrayList<>();

	private final List<String> recovered = new ArrayList<>();

	private final OperationRecovery recovery = new OperationRecovery(this.repository, this.snapshots, new Journal(),
			this.runtime, new NodeLocks());

	private final Environment shop = new Environment("shop", "alice", EnvironmentStatus.RUNNING, Instant.EPOCH);

	private Node node;

	private String name;

	@BeforeEach
	void runANodeOnVersionOne() {
		this.runtime.addLocalImage("repo/app:1");
		this.runtime.addLocalImage("repo/app:2");
		this.repository.insert(this.shop);
		long id = this.repository.nextNodeId();
		this.name = NodeContainers.containerName("shop", id);
		Node fresh = new Node(id, "shop", "cp", ImageRef.parse("repo/app:1"), "", NodeStatus.RUNNING, NodeConfig.empty());
		String container = this.provisioner.create(this.shop, fresh, fresh.image(), this.name, List.of());
		this.runtime.startContainer(container);
		this.node = fresh.withContainer(container, NodeStatus.RUNNING);
		this.repository.insertNode(this.node);
	}

	@Test
	void aRedeployInterruptedBeforeItsCommitEndsOnTheOldContainerAndTheNewOneIsRemoved() {
		String created = setOldAsideAndCreateNew();
		interruptedAt(RedeployStep.VERIFY);

		this.recovery.recoverAll();

		assertOnItsOwnContainerRunning(this.node.containerId());
		assertThat(this.runtime.container(created)).isEmpty();
		assertThat(this.snapshots.findByNode(this.node.id())).isEmpty();
		assertThat(this.recovered).containsExactly(OPERATION);
	}

	@Test
	void aRedeployInterruptedWhileItFilledTheNewContainerRemovesItAndLeavesTheOldOneServing() {
		String created = createNewBesideOld();
		interruptedAt(RedeployStep.RESTORE);

		this.recovery.recoverAll();

		assertOnItsOwnContainerRunning(this.node.containerId());
		assertThat(this.runtime.container(created)).isEmpty();
		assertThat(this.runtime.calls()).doesNotContain("stop " + this.node.containerId());
	}

	@Test
	void aRedeployInterruptedBetweenSettingTheOldContainerAsideAndRenamingTheNewOneEndsOnTheOldContainer() {
		String created = createNewBesideOld();
		setOldAside();
		interruptedAt(RedeployStep.STOP);

		this.recovery.recoverAll();

		assertOnItsOwnContainerRunning(this.node.containerId());
		assertThat(this.runtime.container(created)).isEmpty();
	}

	@Test
	void aCommitInterruptedBetweenRecordingTheSnapshotAndPointingTheNodeForgetsTheRecordOfTheNodesOwnContainer() {
		setOldAsideAndCreateNew();
		this.snapshots.save(snapshotOf(this.node.containerId(), OPERATION));
		interruptedAt(RedeployStep.COMMIT);

		this.recovery.recoverAll();

		assertOnItsOwnContainerRunning(this.node.containerId());
		assertThat(this.snapshots.findByNode(this.node.id())).as("a later prune would remove the node's container").isEmpty();
	}

	@Test
	void aCommitInterruptedAfterPointingTheNodeEndsOnTheNewContainerWithTheOldOneAsItsSnapshot() {
		String created = setOldAsideAndCreateNew();
		this.runtime.startContainer(created);
		this.snapshots.save(snapshotOf(this.node.containerId(), OPERATION));
		this.repository.updateNode(this.node.withImage(ImageRef.parse("repo/app:2")).withContainer(created, NodeStatus.RUNNING));
		interruptedAt(RedeployStep.COMMIT);

		this.recovery.recoverAll();

		assertOnItsOwnContainerRunning(created);
		assertThat(this.snapshots.findByNode(this.node.id())).singleElement()
			.satisfies((snapshot) -> assertThat(snapshot.containerId()).isEqualTo(this.node.containerId()));
		assertThat(this.runtime.container(this.node.containerId())).hasValueSatisfying((old) -> {
			assertThat(old.name).isEqualTo(this.name + "-snapshot-" + OPERATION.substring(0, 8));
			assertThat(old.running).isFalse();
		});
	}

	@Test
	void aRestoreInterruptedBeforeItsCommitSetsTheSnapshotsContainerAsideAgain() {
		String kept = snapshotContainer();
		this.runtime.stopContainer(this.node.containerId(), Duration.ZERO);
		this.runtime.renameContainer(this.node.containerId(), this.name + "-snapshot-" + OPERATION.substring(0, 8));
		this.runtime.renameContainer(kept, this.name);
		this.runtime.startContainer(kept);
		interruptedAt(RedeployStep.VERIFY);

		this.recovery.recoverAll();

		assertOnItsOwnContainerRunning(this.node.containerId());
		assertThat(this.runtime.container(kept)).hasValueSatisfying((snapshot) -> {
			assertThat(snapshot.name).isEqualTo(this.name + "-snapshot-" + EARLIER.substring(0, 8));
			assertThat(snapshot.running).isFalse();
		});
		assertThat(this.snapshots.findByNode(this.node.id())).extracting(Snapshot::containerId).containsExactly(kept);
	}

	@Test
	void aRestoreInterruptedAfterItsCommitForgetsTheRecordOfTheSnapshotItSwappedIn() {
		String kept = snapshotContainer();
		this.runtime.stopContainer(this.node.containerId(), Duration.ZERO);
		this.runtime.renameContainer(this.node.containerId(), this.name + "-snapshot-" + OPERATION.substring(0, 8));
		this.runtime.renameContainer(kept, this.name);
		this.runtime.startContainer(kept);
		this.snapshots.save(snapshotOf(this.node.containerId(), OPERATION));
		this.repository.updateNode(this.node.withContainer(kept, NodeStatus.RUNNING));
		interruptedAt(RedeployStep.COMMIT);

		this.recovery.recoverAll();

		assertOnItsOwnContainerRunning(kept);
		assertThat(this.snapshots.findByNode(this.node.id())).extracting(Snapshot::containerId)
			.containsExactly(this.node.containerId());
	}

	/** What a redeploy has done by the end of CREATE: old container stopped and renamed, new one made. */
	/** What a redeploy's STOP step leaves: the new container made beside the old one, then put in its place. */
	private String setOldAsideAndCreateNew() {
		String created = createNewBesideOld();
		setOldAside();
		this.runtime.renameContainer(created, this.name);
		return created;
	}

	/** What CREATE and RESTORE leave: the new container under its temporary name, the old one still running. */
	private String createNewBesideOld() {
		return this.provisioner.create(this.shop, this.node, ImageRef.parse("repo/app:2"),
				NodeContainers.temporaryName(this.name, OPERATION), List.of());
	}

	private void setOldAside() {
		this.runtime.stopContainer(this.node.containerId(), Duration.ZERO);
		this.runtime.renameContainer(this.node.containerId(), this.name + "-snapshot-" + OPERATION.substring(0, 8));
	}

	/** A stopped container of an earlier version, recorded as the node's snapshot by an earlier operation. */
	private String snapshotContainer() {
		String kept = this.provisioner.create(this.shop, this.node, ImageRef.parse("repo/app:2"),
				this.name + "-snapshot-" + EARLIER.substring(0, 8), List.of());
		this.snapshots.save(new Snapshot(EARLIER + "-node" + this.node.id(), this.node.id(), "shop", Instant.EPOCH,
				ImageRef.parse("repo/app:2"), EARLIER, kept, NodeConfig.empty(), List.of()));
		return kept;
	}

	private Snapshot snapshotOf(String containerId, String operationId) {
		return new Snapshot(operationId + "-node" + this.node.id(), this.node.id(), "shop", Instant.EPOCH.plusSeconds(60),
				this.node.image(), operationId, containerId, this.node.config(), List.of());
	}

	private void interruptedAt(RedeployStep step) {
		this.repository.updateNode(this.repository.findNode(this.node.id()).orElseThrow().withStatus(NodeStatus.REDEPLOYING));
		this.unfinished.add(new OperationJournal.UnfinishedOperation(OPERATION, OperationKind.REDEPLOY, "shop",
				Map.of(this.node.id(), Optional.of(step))));
	}

	private void assertOnItsOwnContainerRunning(String containerId) {
		Node stored = this.repository.findNode(this.node.id()).orElseThrow();
		assertThat(stored.containerId()).isEqualTo(containerId);
		assertThat(stored.status()).isEqualTo(NodeStatus.RUNNING);
		assertThat(this.runtime.container(containerId)).hasValueSatisfying((container) -> {
			assertThat(container.name).isEqualTo(this.name);
			assertThat(container.running).isTrue();
		});
	}

	private final class Journal implements OperationJournal {

		@Override
		public List<UnfinishedOperation> unfinished() {
			return List.copyOf(OperationRecoveryTests.this.unfinished);
		}

		@Override
		public void recovered(String operationId, String note) {
			OperationRecoveryTests.this.recovered.add(operationId);
		}

	}

}
