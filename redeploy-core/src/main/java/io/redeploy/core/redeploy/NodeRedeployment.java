package io.redeploy.core.redeploy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.core.environment.NodeProvisioner;
import io.redeploy.core.environment.NodeStatus;
import io.redeploy.core.runtime.ContainerNotFoundException;
import io.redeploy.core.runtime.ContainerPathNotFoundException;
import io.redeploy.core.runtime.ContainerState;

/**
 * One node's redeploy, as a script of steps: plan, archive, verify archives, create the new container
 * under a temporary name, (merge the old file system), restore into it, stop the old container and put
 * the new one in its place, verify, commit. Everything up to the restore happens while the old container
 * still serves, so the node is unavailable only from the stop until the new container runs, whatever the
 * size of the kept data; a failure up to there never stops the old container. Any failure before the
 * commit puts the node back as it was. The old container is kept, stopped, as the node's snapshot.
 */
final class NodeRedeployment extends NodeScript {

	/** Never copied from an old file system into a new one: kernel file systems and files Docker manages. */
	private static final List<String> NOT_MERGED = List.of("/proc", "/sys", "/dev", "/etc/hosts", "/etc/hostname",
			"/etc/resolv.conf", "/.dockerenv");

	private final Environment environment;

	private final Node target;

	private final boolean merge;

	private final String containerName;

	private final String snapshotName;

	/** The new container's name until it takes the node's own: {@code <node's name>-new-<operation>}. */
	private final String temporaryName;

	private final List<ArchiveInfo> archives = new ArrayList<>();

	private RedeployConf conf = RedeployConf.parse("", java.util.Map.of("home", "/root"));

	private boolean oldWasRunning;

	private boolean oldStopped;

	private boolean oldSetAside;

	private boolean createAttempted;

	private String newContainer = "";

	/**
	 * @param node the node as stored, on its old container
	 * @param target the node as it should be: new image, configuration (volume set included)
	 * @param merge whether the old file system is merged into the new container (skipReinstall)
	 */
	NodeRedeployment(RedeployTools tools, Progress progress, Environment environment, Node node, Node target,
			boolean merge) {
		super(tools, progress, node);
		this.environment = environment;
		this.target = target;
		this.merge = merge;
		this.containerName = NodeContainers.containerName(environment.name(), node.id());
		this.snapshotName = this.containerName + "-snapshot-" + progress.operationId().substring(0, 8);
		this.temporaryName = NodeContainers.temporaryName(this.containerName, progress.operationId());
	}

	NodeReport run() {
		this.progress.nodeStarted(this.node.id());
		try {
			step(RedeployStep.PLAN, this::plan);
			step(RedeployStep.ARCHIVE, this::archive);
			step(RedeployStep.VERIFY_ARCHIVES, this::verifyArchives);
			step(RedeployStep.CREATE, this::createNewContainer);
			if (this.merge) {
				step(RedeployStep.MERGE, this::mergeOldFileSystem);
			}
			step(RedeployStep.RESTORE, this::restore);
			step(RedeployStep.STOP, this::putNewContainerInPlace);
			step(RedeployStep.VERIFY, () -> startAndAwaitReady(this.newContainer));
			step(RedeployStep.COMMIT, this::commit);
		}
		catch (StepFailure failure) {
			return rollBack(failure);
		}
		pruneSnapshots();
		return report(NodeOutcome.SUCCESS, this.node.image().toString(), this.target.image().toString(), this.archives,
				Optional.empty(), List.of());
	}

	private void plan() {
		ContainerState state = runtime().inspectContainer(this.node.containerId())
			.orElseThrow(() -> new ContainerNotFoundException(this.node.containerId()));
		this.oldWasRunning = state.running();
		this.tools.repository().updateNode(this.node.withStatus(NodeStatus.REDEPLOYING));
		this.conf = new RedeployConfReader(runtime()).read(this.node, this.warnings);
	}

	/** Separate archives: the platform directory, each volume, each kept path and each backup file. */
	private void archive() {
		save(ArchiveKind.PLATFORM, NodeProvisioner.PLATFORM_DIR);
		this.node.config().volumes().forEach((path) -> save(ArchiveKind.VOLUME, path));
		RedeployConfEntry platform = RedeployConfEntry.keep(NodeProvisioner.PLATFORM_DIR);
		this.conf.keptPaths()
			.stream()
			.filter((entry) -> !platform.covers(entry.path()))
			.forEach((entry) -> save(ArchiveKind.KEPT_PATH, entry.path()));
		this.conf.backupFiles().forEach((entry) -> save(ArchiveKind.BACKUP_FILE, entry.path()));
	}

	private void save(ArchiveKind kind, String path) {
		try (InputStream tar = runtime().openArchive(this.node.containerId(), path)) {
			this.archives.add(this.tools.archives().save(this.progress.operationId(), this.node.id(), kind, path, tar));
		}
		catch (ContainerPathNotFoundException ex) {
			this.warnings.add(path + " does not exist in the old container: nothing to keep");
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not read " + path + " out of container " + this.node.containerId(), ex);
		}
	}

	/** Every archive is read back before anything is stopped; a "backup" directory is dropped with a warning. */
	private void verifyArchives() {
		for (ArchiveInfo archive : List.copyOf(this.archives)) {
			ArchiveContents contents = this.tools.archives().verify(archive);
			if (archive.kind() == ArchiveKind.BACKUP_FILE && !contents.singleRegularFile()) {
				this.warnings.add(archive.containerPath() + " is marked backup but is not a regular file: backup applies to files only");
				this.archives.remove(archive);
			}
		}
		this.tools.archives()
			.writeManifest(new Manifest(this.progress.operationId(), this.environment.name(), this.node.id(),
					this.node.nodeGroup(), this.node.containerId(), this.node.image(), this.target.image(),
					this.tools.clock().instant(), this.node.config(), this.archives, this.warnings));
	}

	/**
	 * Created, not started, beside the running old container: host ports are bound and the network
	 * joined only at the start, so the two do not clash.
	 */
	private void createNewContainer() {
		this.createAttempted = true;
		this.newContainer = this.tools.provisioner()
			.create(this.environment, this.target, this.target.image(), this.temporaryName,
					this.tools.repository().nodes(this.environment.name()));
	}

	/** The node's unavailability starts here: the old container stops and is set aside, the new one takes its name. */
	private void putNewContainerInPlace() {
		stopCurrentContainer(this.oldWasRunning);
		this.oldStopped = true;
		runtime().renameContainer(this.node.containerId(), this.snapshotName);
		this.oldSetAside = true;
		runtime().renameContainer(this.newContainer, this.containerName);
	}

	/**
	 * skipReinstall: the old file system goes on top of the new container, except what the new image has
	 * (its files win), kernel file systems, Docker's own files and the volumes (mounted, not copied). It is
	 * read from the running old container, as the archives are.
	 */
	private void mergeOldFileSystem() {
		Set<String> newPaths;
		try (InputStream tar = runtime().openArchive(this.newContainer, "/")) {
			newPaths = this.tools.archives().listPaths(tar);
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not list the new container's file system", ex);
		}
		List<String> volumes = this.target.config().volumes();
		Predicate<String> exclude = (path) -> newPaths.contains(path) || under(path, NOT_MERGED) || under(path, volumes);
		try (InputStream old = this.tools.archives().filterRoot(runtime().openArchive(this.node.containerId(), "/"), exclude)) {
			runtime().putArchive(this.newContainer, "/", old);
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not close the old container's file system stream", ex);
		}
	}

	/**
	 * The platform directory and the kept paths go back as they were; each backup file beside the new
	 * image's as {@code .backup}. Volume archives are only the rollback copy: kept volumes are mounted,
	 * fresh ones start empty.
	 */
	private void restore() {
		for (ArchiveInfo archive : this.archives) {
			switch (archive.kind()) {
				case PLATFORM, KEPT_PATH -> putArchive(this.newContainer, archive, RestoreMode.AS_IS);
				case BACKUP_FILE -> putArchive(this.newContainer, archive, RestoreMode.AS_BACKUP);
				case VOLUME -> {
				}
			}
		}
	}

	/** The old container becomes the node's snapshot, recorded before the node is pointed at the new one. */
	private void commit() {
		recordSetAsideContainer(this.environment.name(), "the old container " + this.snapshotName, this.archives);
		this.tools.repository().updateNode(this.target.withContainer(this.newContainer, NodeStatus.RUNNING));
	}

	/** Only the latest snapshots are kept; failing to prune the older ones does not undo the redeploy. */
	private void pruneSnapshots() {
		try {
			new Snapshots(this.tools).prune(this.node.id(), this.target.config());
		}
		catch (RuntimeException ex) {
			this.warnings.add("older snapshots of node " + this.node.id() + " could not be removed: " + ex.getMessage());
		}
	}

	/** Undoes whatever the failed steps did: the node ends on its old container, as it was. */
	private NodeReport rollBack(StepFailure failure) {
		List<String> problems = new ArrayList<>();
		if (!this.newContainer.isEmpty()) {
			attempt("remove the new container", () -> runtime().removeContainer(this.newContainer), problems);
		}
		else if (this.createAttempted) {
			attempt("remove a half-created container", this::removeHalfCreatedContainer, problems);
		}
		if (this.createAttempted && !this.target.config().volumeSet().equals(this.node.config().volumeSet())) {
			attempt("remove the fresh volumes", () -> Snapshots.removeVolumes(this.tools, this.environment.name(),
					this.node.id(), this.target.config()), problems);
		}
		if (this.oldSetAside) {
			attempt("rename the old container back", () -> runtime().renameContainer(this.node.containerId(), this.containerName), problems);
		}
		if (this.oldStopped && this.oldWasRunning) {
			attempt("start the old container again", () -> runtime().startContainer(this.node.containerId()), problems);
		}
		attempt("restore the node's record", () -> this.tools.repository().updateNode(this.node), problems);
		forgetRecordedSnapshot(problems);
		attempt("delete the archives", () -> this.tools.archives().delete(this.progress.operationId(), this.node.id()), problems);
		NodeOutcome outcome = problems.isEmpty() ? NodeOutcome.ROLLED_BACK : NodeOutcome.FAILED;
		return report(outcome, this.node.image().toString(), this.target.image().toString(), List.of(),
				Optional.of(failure), problems);
	}

	/** After a create that failed once the engine had made the container: only it has the temporary name. */
	private void removeHalfCreatedContainer() {
		runtime().inspectContainer(this.temporaryName).ifPresent((state) -> runtime().removeContainer(state.id()));
	}

	static boolean under(String path, List<String> roots) {
		for (String root : roots) {
			if (path.equals(root) || path.startsWith(root + "/")) {
				return true;
			}
		}
		return false;
	}

}
