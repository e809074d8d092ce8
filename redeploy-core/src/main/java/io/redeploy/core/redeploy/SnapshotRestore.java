package io.redeploy.core.redeploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.core.environment.NodeStatus;
import io.redeploy.core.runtime.ContainerNotFoundException;
import io.redeploy.core.runtime.ContainerState;

/**
 * Puts a node back on one of its snapshots, as a script of steps: set the current container aside,
 * bring the snapshot's container back under the node's name (and, if asked, its archived volume
 * copies into its volumes), start and verify it, commit. The current container becomes a snapshot in
 * turn, so this too can be undone. A failure puts the current container back.
 */
final class SnapshotRestore extends NodeScript {

	private final Environment environment;

	private final Snapshot snapshot;

	private final boolean restoreVolumes;

	private final String containerName;

	private final String asideName;

	private String snapshotName = "";

	private boolean currentWasRunning;

	private boolean currentStopped;

	private boolean currentSetAside;

	private boolean snapshotSwappedIn;

	private boolean snapshotStarted;

	SnapshotRestore(RedeployTools tools, Progress progress, Environment environment, Node node, Snapshot snapshot,
			boolean restoreVolumes) {
		super(tools, progress, node);
		this.environment = environment;
		this.snapshot = snapshot;
		this.restoreVolumes = restoreVolumes;
		this.containerName = NodeContainers.containerName(environment.name(), node.id());
		this.asideName = this.containerName + "-snapshot-" + progress.operationId().substring(0, 8);
	}

	NodeReport run() {
		this.progress.nodeStarted(this.node.id());
		try {
			step(RedeployStep.PLAN, this::plan);
			step(RedeployStep.STOP, this::setCurrentAside);
			step(RedeployStep.RESTORE, this::swapSnapshotIn);
			step(RedeployStep.VERIFY, this::start);
			step(RedeployStep.COMMIT, this::commit);
		}
		catch (StepFailure failure) {
			return rollBack(failure);
		}
		forgetRestoredSnapshot();
		return report(NodeOutcome.SUCCESS, this.node.image().toString(), this.snapshot.image().toString(),
				this.snapshot.archives(), Optional.empty(), List.of());
	}

	private void plan() {
		ContainerState kept = runtime().inspectContainer(this.snapshot.containerId())
			.orElseThrow(() -> new ContainerNotFoundException(this.snapshot.containerId()));
		this.snapshotName = kept.name().startsWith("/") ? kept.name().substring(1) : kept.name();
		this.currentWasRunning = runtime().inspectContainer(this.node.containerId()).map(ContainerState::running).orElse(false);
		if (this.restoreVolumes) {
			this.snapshot.archives()
				.stream()
				.filter((archive) -> archive.kind() == ArchiveKind.VOLUME)
				.forEach(this.tools.archives()::verify);
		}
	}

	private void setCurrentAside() {
		stopCurrentContainer(this.currentWasRunning);
		this.currentStopped = true;
		runtime().renameContainer(this.node.containerId(), this.asideName);
		this.currentSetAside = true;
	}

	/**
	 * The snapshot's volumes keep their current data unless asked to take the archived copies (extracted
	 * on top). Those go into volumes that hold live data, which a rollback does not undo: so every copy
	 * is checked again right before the first byte is extracted, not only at {@link #plan}, and the
	 * extraction checks the checksum once more as it streams.
	 */
	private void swapSnapshotIn() {
		List<ArchiveInfo> volumes = this.restoreVolumes
				? this.snapshot.archives().stream().filter((archive) -> archive.kind() == ArchiveKind.VOLUME).toList()
				: List.of();
		volumes.forEach(this.tools.archives()::verify);
		runtime().renameContainer(this.snapshot.containerId(), this.containerName);
		this.snapshotSwappedIn = true;
		for (ArchiveInfo archive : volumes) {
			putArchive(this.snapshot.containerId(), archive, RestoreMode.AS_IS);
		}
	}

	private void start() {
		this.snapshotStarted = true;
		startAndAwaitReady(this.snapshot.containerId());
	}

	/** The current container becomes a snapshot, recorded before the node is pointed at the restored one. */
	private void commit() {
		recordSetAsideContainer(this.environment.name(), "the replaced container " + this.asideName, List.of());
		this.tools.repository()
			.updateNode(this.node.withImage(this.snapshot.image())
				.withConfig(this.snapshot.config())
				.withContainer(this.snapshot.containerId(), NodeStatus.RUNNING));
	}

	/** The restored snapshot is the node's container now: its record goes, and older snapshots beyond the limit. */
	private void forgetRestoredSnapshot() {
		try {
			Snapshots snapshots = new Snapshots(this.tools);
			snapshots.consumed(this.snapshot);
			snapshots.prune(this.node.id(), this.snapshot.config());
		}
		catch (RuntimeException ex) {
			this.warnings.add("the snapshot records of node " + this.node.id() + " could not be tidied: " + ex.getMessage());
		}
	}

	private NodeReport rollBack(StepFailure failure) {
		List<String> problems = new ArrayList<>();
		if (this.snapshotStarted) {
			attempt("stop the snapshot's container", () -> this.tools.provisioner().stop(this.snapshot.containerId()), problems);
		}
		if (this.snapshotSwappedIn) {
			attempt("rename the snapshot's container back",
					() -> runtime().renameContainer(this.snapshot.containerId(), this.snapshotName), problems);
		}
		if (this.currentSetAside) {
			attempt("rename the current container back", () -> runtime().renameContainer(this.node.containerId(), this.containerName), problems);
		}
		if (this.currentStopped && this.currentWasRunning) {
			attempt("start the current container again", () -> runtime().startContainer(this.node.containerId()), problems);
		}
		forgetRecordedSnapshot(problems);
		NodeOutcome outcome = problems.isEmpty() ? NodeOutcome.ROLLED_BACK : NodeOutcome.FAILED;
		return report(outcome, this.node.image().toString(), this.snapshot.image().toString(), List.of(),
				Optional.of(failure), problems);
	}

}
