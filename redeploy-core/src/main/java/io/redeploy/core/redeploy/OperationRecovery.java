package io.redeploy.core.redeploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.redeploy.core.environment.EnvironmentRepository;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.core.environment.NodeLocks;
import io.redeploy.core.environment.NodeStatus;
import io.redeploy.core.runtime.ContainerRuntime;
import io.redeploy.core.runtime.ContainerState;

/**
 * Finishes, at start-up, the operations a stopped or killed service left half done. The stored node is
 * the truth: a redeploy commits by pointing the node at its new container, so before that commit the
 * node still names its old container, which was only stopped and set aside. Each interrupted node is
 * therefore put back on the container it names, under its own name and running; a half-made new
 * container is removed (still under its temporary name, or already under the node's), a snapshot's
 * container found in the node's place is set aside again, and a snapshot record that names the node's
 * own container (a commit cut between its two writes) is forgotten.
 */
public class OperationRecovery {

	private static final Logger logger = LoggerFactory.getLogger(OperationRecovery.class);

	private final EnvironmentRepository repository;

	private final SnapshotRepository snapshots;

	private final OperationJournal journal;

	private final ContainerRuntime runtime;

	private final NodeLocks locks;

	public OperationRecovery(EnvironmentRepository repository, SnapshotRepository snapshots, OperationJournal journal,
			ContainerRuntime runtime, NodeLocks locks) {
		this.repository = repository;
		this.snapshots = snapshots;
		this.journal = journal;
		this.runtime = runtime;
		this.locks = locks;
	}

	/** Recovers every unfinished operation; returns how many there were. */
	public int recoverAll() {
		List<OperationJournal.UnfinishedOperation> unfinished = this.journal.unfinished();
		for (OperationJournal.UnfinishedOperation operation : unfinished) {
			recover(operation);
		}
		return unfinished.size();
	}

	private void recover(OperationJournal.UnfinishedOperation operation) {
		StringBuilder note = new StringBuilder("interrupted by a stop of the service;");
		for (Map.Entry<Long, Optional<RedeployStep>> entry : operation.nodes().entrySet()) {
			Optional<Node> node = this.repository.findNode(entry.getKey());
			if (node.isEmpty()) {
				continue;
			}
			this.locks.runLocked(List.of(node.get()), "recovery", () -> putBack(operation, node.get()));
			note.append(" node ").append(node.get().id()).append(" is on ").append(node.get().image())
				.append(" (reached ").append(entry.getValue().map(Enum::name).orElse("no step")).append(");");
		}
		this.journal.recovered(operation.operationId(), note.toString());
		logger.warn("Operation {} on {}: {}", operation.operationId(), operation.envName(), note);
	}

	private void putBack(OperationJournal.UnfinishedOperation operation, Node node) {
		String name = NodeContainers.containerName(node.envName(), node.id());
		removeTemporaryContainer(node, NodeContainers.temporaryName(name, operation.operationId()));
		this.runtime.inspectContainer(name)
			.filter((holder) -> !sameContainer(holder.id(), node.containerId()))
			.ifPresent((intruder) -> setAsideOrRemove(node, name, intruder));
		Optional<ContainerState> own = node.containerId().isEmpty() ? Optional.empty()
				: this.runtime.inspectContainer(node.containerId());
		if (own.isEmpty()) {
			logger.error("Node {}: its container {} is gone; it needs an operator", node.id(), node.containerId());
			this.repository.updateNode(node.withStatus(NodeStatus.FAILED));
			return;
		}
		if (!own.get().name().replaceFirst("^/", "").equals(name)) {
			this.runtime.renameContainer(own.get().id(), name);
		}
		if (!own.get().running()) {
			this.runtime.startContainer(own.get().id());
		}
		forgetSnapshotsOf(node, own.get().id());
		this.repository.updateNode(node.withStatus(NodeStatus.RUNNING));
		logger.info("Node {}: back on container {} after operation {} was interrupted", node.id(), name,
				operation.operationId());
	}

	/**
	 * A commit records the container it sets aside as a snapshot just before it points the node at the
	 * other one; interrupted between the two, the record names the node's own container, and a later
	 * prune would remove it. So does a restore's record of the snapshot it swapped in.
	 */
	private void forgetSnapshotsOf(Node node, String containerId) {
		this.snapshots.findByNode(node.id())
			.stream()
			.filter((snapshot) -> sameContainer(snapshot.containerId(), containerId))
			.forEach((snapshot) -> {
				logger.info("Node {}: forgetting snapshot {}, whose container is the node's own", node.id(), snapshot.id());
				this.snapshots.delete(snapshot.id());
			});
	}

	/** A new container still under its temporary name was never put in the node's place: it goes. */
	private void removeTemporaryContainer(Node node, String temporaryName) {
		this.runtime.inspectContainer(temporaryName)
			.filter((container) -> !sameContainer(container.id(), node.containerId()))
			.ifPresent((container) -> {
				logger.info("Node {}: removing the new container {} an interrupted operation had not put in place yet",
						node.id(), temporaryName);
				this.runtime.removeContainer(container.id());
			});
	}

	private void setAsideOrRemove(Node node, String name, ContainerState intruder) {
		Optional<Snapshot> snapshot = this.snapshots.findByNode(node.id())
			.stream()
			.filter((candidate) -> sameContainer(intruder.id(), candidate.containerId()))
			.findFirst();
		if (snapshot.isPresent()) {
			this.runtime.stopContainer(intruder.id(), java.time.Duration.ofSeconds(10));
			this.runtime.renameContainer(intruder.id(), name + "-snapshot-" + snapshot.get().operationId().substring(0, 8));
		}
		else {
			logger.info("Node {}: removing the half-made container {} of an interrupted operation", node.id(), intruder.id());
			this.runtime.removeContainer(intruder.id());
		}
	}

	private static boolean sameContainer(String a, String b) {
		return !a.isEmpty() && !b.isEmpty() && (a.startsWith(b) || b.startsWith(a));
	}

}
