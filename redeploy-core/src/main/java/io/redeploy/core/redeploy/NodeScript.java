package io.redeploy.core.redeploy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.redeploy.core.environment.Node;
import io.redeploy.core.runtime.ContainerEngineUnavailableException;
import io.redeploy.core.runtime.ContainerNotFoundException;
import io.redeploy.core.runtime.ContainerRuntime;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ContainerState;

/**
 * What the per-node scripts share: running a step (timed, journalled, its failure caught as a
 * {@link StepFailure}), warnings, putting archives into containers, waiting for a container to be ready,
 * and the clean-up calls whose failure is only noted during a rollback.
 */
abstract class NodeScript {

	private static final Logger logger = LoggerFactory.getLogger(NodeScript.class);

	protected final RedeployTools tools;

	protected final Progress progress;

	protected final Node node;

	protected final List<StepTiming> timings = new ArrayList<>();

	protected final List<String> warnings = new ArrayList<>();

	/** Whether the commit recorded the set-aside container as a snapshot, which a rollback must forget. */
	private boolean snapshotRecorded;

	/** Until when a rollback waits for an engine that cannot be reached; set when that first happens. */
	private Instant reconnectDeadline;

	/** {@link System#nanoTime()} when the node's running container was stopped; 0 while it was not. */
	private long unavailableSince;

	/** How long the node had no running container: from that stop until its new container was seen ready. */
	private OptionalLong unavailableMillis = OptionalLong.empty();

	protected NodeScript(RedeployTools tools, Progress progress, Node node) {
		this.tools = tools;
		this.progress = progress;
		this.node = node;
	}

	protected final ContainerRuntime runtime() {
		return this.tools.runtime();
	}

	protected final void step(RedeployStep step, Runnable action) {
		this.progress.stepStarted(this.node.id(), step);
		long start = System.nanoTime();
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			this.timings.add(new StepTiming(step, (System.nanoTime() - start) / 1_000_000));
			String error = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			logger.warn("Operation {}, node {}: step {} failed: {}", this.progress.operationId(), this.node.id(), step, error);
			this.progress.stepFailed(this.node.id(), step, error);
			throw new StepFailure(step, error, ex);
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		this.timings.add(new StepTiming(step, millis));
		this.progress.stepFinished(this.node.id(), step, millis);
	}

	/**
	 * Extracts an archive at {@code /} of a container, through the archive store's safety filter and
	 * checksum. An engine's refusal names the archive's path, since the engine only names {@code /}.
	 */
	protected final void putArchive(String containerId, ArchiveInfo archive, RestoreMode mode) {
		try (InputStream tar = this.tools.archives().openForRestore(archive, mode)) {
			runtime().putArchive(containerId, "/", tar);
		}
		catch (ContainerEngineUnavailableException ex) {
			throw ex;
		}
		catch (ContainerRuntimeException ex) {
			throw new ContainerRuntimeException("Could not restore " + archive.containerPath() + ": " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new ArchiveException("Could not close archive " + archive.file(), ex);
		}
	}

	/**
	 * Stops the node's current container: if it was running, the node is unavailable from here until
	 * {@link #startAndAwaitReady} sees its next container ready.
	 */
	protected final void stopCurrentContainer(boolean wasRunning) {
		this.unavailableSince = wasRunning ? System.nanoTime() : 0;
		this.tools.provisioner().stop(this.node.containerId());
	}

	/**
	 * Starts a container and waits until it is running, and healthy when its image declares a health
	 * check, on two polls in a row (so that a container that exits at once is not taken for started).
	 * The first poll follows the start at once; the node is available again from the first poll that
	 * sees the container ready, the second only confirms it.
	 */
	protected final void startAndAwaitReady(String containerId) {
		runtime().startContainer(containerId);
		RedeploySettings settings = this.tools.settings();
		Instant deadline = this.tools.clock().instant().plus(settings.verifyTimeout());
		int readyPolls = 0;
		while (true) {
			ContainerState state = runtime().inspectContainer(containerId)
				.orElseThrow(() -> new ContainerNotFoundException(containerId));
			if (!state.running()) {
				throw new ContainerNotReadyException(containerId, "stopped (" + state.status() + ", exit code " + state.exitCode() + ")");
			}
			Optional<String> health = state.health();
			if (health.isPresent() && health.get().equals("unhealthy")) {
				throw new ContainerNotReadyException(containerId, "is unhealthy");
			}
			readyPolls = (health.isEmpty() || health.get().equals("healthy")) ? readyPolls + 1 : 0;
			if (readyPolls == 1 && this.unavailableSince != 0 && this.unavailableMillis.isEmpty()) {
				this.unavailableMillis = OptionalLong.of((System.nanoTime() - this.unavailableSince) / 1_000_000);
			}
			if (readyPolls >= 2) {
				return;
			}
			if (this.tools.clock().instant().isAfter(deadline)) {
				throw new ContainerNotReadyException(containerId, "was not " + (health.isPresent() ? "healthy" : "running")
						+ " within " + settings.verifyTimeout().toSeconds() + " s (" + state.status() + ")");
			}
			pause(settings.pollInterval());
		}
	}

	/**
	 * Records the node's container as it was before this operation, now set aside under {@code asideName},
	 * as the node's latest snapshot. A commit does so before it points the node at the other container: a
	 * crash between the two leaves a record naming the node's own container, which recovery forgets,
	 * rather than a set-aside container nothing records. Failing to record it is a warning, not a failure.
	 */
	protected final void recordSetAsideContainer(String envName, String description, List<ArchiveInfo> archives) {
		try {
			this.tools.snapshots().save(new Snapshot(recordedSnapshotId(), this.node.id(), envName,
					this.tools.clock().instant(), this.node.image(), this.progress.operationId(), this.node.containerId(),
					this.node.config(), archives));
			this.snapshotRecorded = true;
		}
		catch (RuntimeException ex) {
			this.warnings.add(description + " could not be recorded as a snapshot: " + ex.getMessage());
		}
	}

	/** In a rollback: forgets the record {@link #recordSetAsideContainer} made, if it made one. */
	protected final void forgetRecordedSnapshot(List<String> problems) {
		if (this.snapshotRecorded) {
			attempt("forget the snapshot record", () -> this.tools.snapshots().delete(recordedSnapshotId()), problems);
		}
	}

	private String recordedSnapshotId() {
		return this.progress.operationId() + "-node" + this.node.id();
	}

	/**
	 * Runs a clean-up call of a rollback; a failure is noted in {@code problems} rather than thrown. While
	 * the engine cannot be reached (it restarts) the call is retried until the rollback's reconnect
	 * deadline, so that an engine restart does not leave the old container stopped or renamed; the
	 * calls of a rollback are all safe to repeat.
	 */
	protected final void attempt(String what, Runnable action, List<String> problems) {
		while (true) {
			try {
				action.run();
				return;
			}
			catch (ContainerEngineUnavailableException ex) {
				if (!awaitEngine(what, ex)) {
					fail(what, ex.getMessage() + " (gave up waiting for the engine after "
							+ this.tools.settings().reconnectTimeout().toSeconds() + " s)", problems);
					return;
				}
			}
			catch (RuntimeException ex) {
				fail(what, ex.getMessage(), problems);
				return;
			}
		}
	}

	/** Waits a poll interval before the next try, unless the rollback's reconnect deadline has passed. */
	private boolean awaitEngine(String what, ContainerEngineUnavailableException ex) {
		Instant now = this.tools.clock().instant();
		if (this.reconnectDeadline == null) {
			this.reconnectDeadline = now.plus(this.tools.settings().reconnectTimeout());
			logger.warn("Operation {}, node {}: the container engine cannot be reached ({}); waiting up to {} s for it",
					this.progress.operationId(), this.node.id(), ex.getMessage(), this.tools.settings().reconnectTimeout().toSeconds());
		}
		if (!now.isBefore(this.reconnectDeadline)) {
			return false;
		}
		logger.debug("Operation {}, node {}: will {} again once the engine answers", this.progress.operationId(), this.node.id(), what);
		try {
			Thread.sleep(this.tools.settings().pollInterval().toMillis());
			return true;
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void fail(String what, String error, List<String> problems) {
		logger.error("Operation {}, node {}: could not {}: {}", this.progress.operationId(), this.node.id(), what, error);
		problems.add("could not " + what + ": " + error);
	}

	protected final NodeReport report(NodeOutcome outcome, String oldImage, String newImage, List<ArchiveInfo> archives,
			Optional<StepFailure> failure, List<String> problems) {
		Optional<String> error = failure.map((f) -> problems.isEmpty() ? f.error()
				: f.error() + "; rollback incomplete: " + String.join("; ", problems));
		OptionalLong unavailable = (outcome == NodeOutcome.SUCCESS) ? this.unavailableMillis : OptionalLong.empty();
		NodeReport report = new NodeReport(this.node.id(), outcome, oldImage, newImage, archives, this.timings,
				unavailable, this.warnings, failure.map(StepFailure::step), error);
		this.progress.nodeFinished(report);
		return report;
	}

	private static void pause(Duration interval) {
		try {
			Thread.sleep(interval.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ContainerNotReadyException("-", "wait was interrupted");
		}
	}

	/** A step that failed, with its cause. */
	static final class StepFailure extends RuntimeException {

		private final RedeployStep step;

		private final String error;

		StepFailure(RedeployStep step, String error, Throwable cause) {
			super(step + ": " + error, cause);
			this.step = step;
			this.error = error;
		}

		RedeployStep step() {
			return this.step;
		}

		String error() {
			return this.error;
		}

	}

}
