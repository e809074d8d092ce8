package io.redeploy.core.redeploy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.redeploy.core.NotFoundException;
import io.redeploy.core.access.Caller;
import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.EnvironmentAccess;
import io.redeploy.core.environment.EnvironmentRepository;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeLocks;
import io.redeploy.core.environment.NodeProvisioner;
import io.redeploy.core.environment.NodeSelector;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryCredentials;

/**
 * Updates running nodes to a new image tag without losing their data and settings, and goes back to
 * their snapshots. Each node runs the script of {@link RedeployStep}s and is rolled back on its own
 * when a step fails; a node being changed by someone else is refused with a conflict.
 */
public class RedeployService {

	private static final Logger logger = LoggerFactory.getLogger(RedeployService.class);

	private final EnvironmentRepository repository;

	private final EnvironmentAccess access;

	private final NodeLocks locks;

	private final RedeployTools tools;

	private final OperationJournal journal;

	private final RedeployListener listener;

	public RedeployService(EnvironmentRepository repository, NodeProvisioner provisioner, NodeLocks locks,
			ArchiveStore archives, SnapshotRepository snapshots, OperationJournal journal, RedeployListener listener,
			Clock clock, RedeploySettings settings) {
		this.repository = repository;
		this.access = new EnvironmentAccess(repository);
		this.locks = locks;
		this.tools = new RedeployTools(repository, provisioner, archives, snapshots, clock, settings);
		this.journal = journal;
		this.listener = listener;
	}

	/**
	 * Redeploys the selected nodes to the request's tag. The image is pulled once, before any container
	 * is touched; a missing image or a refused login fails the call with every node untouched.
	 */
	public RedeployReport redeploy(Caller caller, RedeployRequest request) {
		return redeploy(caller, request, newOperationId());
	}

	/** A redeploy under an operation id chosen by the caller, e.g. one already handed out to an asynchronous client. */
	public RedeployReport redeploy(Caller caller, RedeployRequest request, String operationId) {
		Environment environment = this.access.environment(caller, request.envName());
		List<Node> selected = this.access.nodes(environment, request.selector());
		return locked(selected, "redeploy", () -> {
			List<Node> nodes = reload(selected);
			Map<Long, ImageRef> targets = targetImages(nodes, request.tag());
			Progress progress = start(operationId, OperationKind.REDEPLOY, environment, caller.login(), nodes,
					String.join(",", new LinkedHashSet<>(targets.values().stream().map(ImageRef::toString).toList())));
			try {
				pullOnce(progress, targets, request.credentials());
			}
			catch (RuntimeException ex) {
				progress.finished(new RedeployReport(progress.operationId(), RedeployReport.Result.FAILED, List.of()));
				throw ex;
			}
			List<NodeReport> reports = request.sequential()
					? runSequentially(progress, nodes, targets, request.delay(), (node) -> redeployNode(progress, environment, node, targets.get(node.id()), request))
					: runSimultaneously(nodes, (node) -> redeployNode(progress, environment, node, targets.get(node.id()), request));
			return finish(progress, reports);
		});
	}

	/** The node's snapshots, newest first. */
	public List<Snapshot> snapshots(Caller caller, String envName, long nodeId) {
		Node node = node(caller, envName, nodeId);
		return this.tools.snapshots().findByNode(node.id());
	}

	/**
	 * Puts the node back on one of its snapshots: that container (image and file system) under the node's
	 * name, with the configuration of that time. Its volumes keep their current data unless
	 * {@code restoreVolumes}, which extracts the snapshot's archived volume copies into them.
	 */
	public RedeployReport restoreBackup(Caller caller, String envName, long nodeId, String backupId,
			boolean restoreVolumes) {
		Environment environment = this.access.environment(caller, envName);
		Node node = node(caller, envName, nodeId);
		Snapshot snapshot = this.tools.snapshots()
			.find(backupId)
			.filter((candidate) -> candidate.nodeId() == nodeId)
			.orElseThrow(() -> new NotFoundException("Node " + nodeId + " has no snapshot '" + backupId + "'"));
		return locked(List.of(node), "restore", () -> {
			Node current = reload(List.of(node)).get(0);
			Progress progress = start(newOperationId(), OperationKind.RESTORE, environment, caller.login(), List.of(current),
					snapshot.image().toString());
			return finish(progress, List.of(new SnapshotRestore(this.tools, progress, environment, current, snapshot,
					restoreVolumes).run()));
		});
	}

	/** Puts each selected node back on its latest snapshot; a node without one is skipped. */
	public RedeployReport rollback(Caller caller, String envName, NodeSelector selector) {
		Environment environment = this.access.environment(caller, envName);
		List<Node> selected = this.access.nodes(environment, selector);
		return locked(selected, "rollback", () -> {
			List<Node> nodes = reload(selected);
			Progress progress = start(newOperationId(), OperationKind.RESTORE, environment, caller.login(), nodes, "latest snapshot");
			List<NodeReport> reports = new ArrayList<>();
			for (Node node : nodes) {
				Optional<Snapshot> latest = this.tools.snapshots().findByNode(node.id()).stream().findFirst();
				reports.add(latest
					.map((snapshot) -> new SnapshotRestore(this.tools, progress, environment, node, snapshot, false).run())
					.orElseGet(() -> skipped(progress, node, node.image().toString(), "node " + node.id() + " has no snapshot to go back to")));
			}
			return finish(progress, reports);
		});
	}

	/**
	 * Recreates a node on its own image with a changed configuration, keeping its data through the same
	 * steps as a redeploy. Called with the node's lock held (see {@link RedeployingNodeReplacer}).
	 */
	Node replace(Environment environment, Node changed) {
		Node stored = reload(List.of(changed)).get(0);
		Progress progress = start(newOperationId(), OperationKind.RECONFIGURE, environment, environment.owner(), List.of(stored),
				stored.image().toString());
		Node target = changed.withImage(stored.image()).withContainer(stored.containerId(), stored.status());
		NodeReport report = finish(progress,
				List.of(new NodeRedeployment(this.tools, progress, environment, stored, target, false).run()))
			.nodes()
			.get(0);
		if (report.outcome() != NodeOutcome.SUCCESS) {
			throw new NodeRedeployException(stored.id(), report.failedStep().orElse(RedeployStep.PLAN),
					report.error().orElse("failed"), null);
		}
		return this.repository.findNode(stored.id()).orElseThrow();
	}

	private NodeReport redeployNode(Progress progress, Environment environment, Node node, ImageRef image,
			RedeployRequest request) {
		// fresh volumes get their own set name so that the old ones stay whole for the snapshot and rollback
		Node target = node.withImage(image)
			.withConfig(request.useExistingVolumes() ? node.config()
					: node.config().withVolumeSet("v" + progress.operationId().substring(0, 8)));
		return new NodeRedeployment(this.tools, progress, environment, node, target, request.skipReinstall()).run();
	}

	private Map<Long, ImageRef> targetImages(List<Node> nodes, String tag) {
		Map<Long, ImageRef> targets = new LinkedHashMap<>();
		nodes.forEach((node) -> targets.put(node.id(), node.image().resolve(tag)));
		return targets;
	}

	/**
	 * Pulls each target image once. An image the engine has locally that its registry does not know or
	 * cannot be reached for (one built or loaded on the host, an air-gapped engine) is used as it is,
	 * unless credentials were given: then the registry must accept them.
	 */
	private void pullOnce(Progress progress, Map<Long, ImageRef> targets, Optional<RegistryCredentials> credentials) {
		for (ImageRef image : new LinkedHashSet<>(targets.values())) {
			try {
				this.tools.runtime().pullImage(image, credentials);
			}
			catch (ContainerRuntimeException ex) {
				if (credentials.isPresent() || !this.tools.runtime().imageExists(image)) {
					throw ex;
				}
				logger.info("Image {} is not in its registry ({}); using the engine's local copy", image, ex.getMessage());
			}
			progress.imagePulled(image.toString());
		}
	}

	/** One node after another; the first failure stops the run and the rest are skipped. */
	private List<NodeReport> runSequentially(Progress progress, List<Node> nodes, Map<Long, ImageRef> targets,
			Duration delay, NodeRun run) {
		List<NodeReport> reports = new ArrayList<>();
		boolean stopped = false;
		for (Node node : nodes) {
			if (stopped) {
				reports.add(skipped(progress, node, targets.get(node.id()).toString(),
						"skipped: an earlier node failed, so the sequential redeploy stopped"));
				continue;
			}
			if (!reports.isEmpty()) {
				pause(delay);
			}
			NodeReport report = run.apply(node);
			reports.add(report);
			stopped = report.outcome() != NodeOutcome.SUCCESS;
		}
		return reports;
	}

	/** All nodes at once, at most {@link RedeploySettings#parallelism()} at a time; each succeeds or rolls back alone. */
	private List<NodeReport> runSimultaneously(List<Node> nodes, NodeRun run) {
		int threads = Math.min(nodes.size(), this.tools.settings().parallelism());
		AtomicInteger counter = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "redeploy-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<NodeReport>> futures = nodes.stream().map((node) -> executor.submit(() -> run.apply(node))).toList();
			List<NodeReport> reports = new ArrayList<>();
			for (int i = 0; i < nodes.size(); i++) {
				reports.add(await(futures.get(i), nodes.get(i)));
			}
			return reports;
		}
		finally {
			executor.shutdown();
		}
	}

	private NodeReport await(Future<NodeReport> future, Node node) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while node " + node.id() + " was being redeployed", ex);
		}
		catch (ExecutionException ex) {
			// the node scripts catch their own failures; this is an Error or a bug
			logger.error("Node {}: redeploy crashed", node.id(), ex.getCause());
			return new NodeReport(node.id(), NodeOutcome.FAILED, node.image().toString(), "", List.of(), List.of(),
					OptionalLong.empty(), List.of(), Optional.empty(), Optional.of(String.valueOf(ex.getCause())));
		}
	}

	/** A new, unguessable operation id. */
	public static String newOperationId() {
		return UUID.randomUUID().toString();
	}

	private Progress start(String operationId, OperationKind kind, Environment environment, String caller, List<Node> nodes,
			String target) {
		Operation operation = new Operation(operationId, kind, environment.name(), caller, target,
				nodes.stream().map(Node::id).toList(), this.tools.clock().instant());
		Progress progress = new Progress(operation, this.listener, this.journal);
		progress.started();
		logger.info("Operation {} ({}) on {} nodes {} of {} by {}", operation.id(), kind, target, operation.nodeIds(),
				environment.name(), caller);
		return progress;
	}

	private RedeployReport finish(Progress progress, List<NodeReport> reports) {
		RedeployReport report = progress.finished(RedeployReport.of(progress.operationId(), reports));
		logger.info("Operation {} finished: {}", progress.operationId(), report.result());
		return report;
	}

	private NodeReport skipped(Progress progress, Node node, String newImage, String reason) {
		NodeReport report = NodeReport.skipped(node.id(), node.image().toString(), newImage, reason);
		progress.nodeFinished(report);
		return report;
	}

	private Node node(Caller caller, String envName, long nodeId) {
		return this.access.nodes(this.access.environment(caller, envName), NodeSelector.node(nodeId)).get(0);
	}

	/** The nodes as stored now: someone may have changed them between the look-up and the lock. */
	private List<Node> reload(List<Node> nodes) {
		return nodes.stream()
			.map((node) -> this.repository.findNode(node.id())
				.orElseThrow(() -> new NotFoundException("Node " + node.id() + " does not exist")))
			.toList();
	}

	private <T> T locked(List<Node> nodes, String activity, Supplier<T> action) {
		AtomicReference<T> result = new AtomicReference<>();
		this.locks.runLocked(nodes, activity, () -> result.set(action.get()));
		return result.get();
	}

	private static void pause(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted between two nodes of a sequential redeploy", ex);
		}
	}

	@FunctionalInterface
	private interface NodeRun {

		NodeReport apply(Node node);

	}

}
