package io.redeploy.docker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ExecResult;

/** Runs a command in a running container and collects what it prints. */
final class ExecRunner {

	// Commands run here print a checksum or a listing; a runaway one must not fill the heap.
	static final int OUTPUT_LIMIT = 1024 * 1024;

	// The output stream can end a moment before the engine records the exit code.
	private static final Duration EXIT_CODE_WAIT = Duration.ofSeconds(5);

	private final DockerClient docker;

	ExecRunner(DockerClient docker) {
		this.docker = docker;
	}

	ExecResult exec(String containerId, List<String> command, Duration timeout) {
		Target container = Target.container(containerId);
		String execId = DockerErrors.call(container, "create an exec of " + command + " in",
				() -> this.docker.execCreateCmd(containerId)
					.withCmd(command.toArray(String[]::new))
					.withAttachStdout(true)
					.withAttachStderr(true)
					.exec()
					.getId());
		ExecOutput output = DockerErrors.call(container, "start " + command + " in",
				() -> this.docker.execStartCmd(execId).exec(new ExecOutput()));
		if (!awaitCompletion(output, timeout)) {
			// The engine has no call to kill an exec: the process may keep running in the container.
			throw new ContainerRuntimeException(
					"Command " + command + " in container " + containerId + " did not finish within " + timeout);
		}
		output.failure().ifPresent((failure) -> {
			throw DockerErrors.translate(container, "run " + command + " in", failure);
		});
		return new ExecResult(exitCode(container, execId, command), output.stdout.text(), output.stderr.text());
	}

	private static boolean awaitCompletion(ExecOutput output, Duration timeout) {
		try {
			return output.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ContainerRuntimeException("Interrupted while waiting for a command in a container", ex);
		}
		finally {
			output.closeQuietly();
		}
	}

	private int exitCode(Target container, String execId, List<String> command) {
		long deadline = System.nanoTime() + EXIT_CODE_WAIT.toNanos();
		while (true) {
			InspectExecResponse exec = DockerErrors.call(container, "inspect " + command + " in",
					() -> this.docker.inspectExecCmd(execId).exec());
			if (!Boolean.TRUE.equals(exec.isRunning()) && exec.getExitCodeLong() != null) {
				return exec.getExitCodeLong().intValue();
			}
			if (System.nanoTime() > deadline) {
				throw new ContainerRuntimeException(
						"Command " + command + " in " + container.describe() + " ended without an exit code");
			}
			sleep(Duration.ofMillis(50));
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ContainerRuntimeException("Interrupted while waiting for a command's exit code", ex);
		}
	}

	/** Separates the multiplexed stdout and stderr frames, each capped at {@link #OUTPUT_LIMIT}. */
	private static final class ExecOutput extends QuietCallback<Frame> {

		private final CappedOutput stdout = new CappedOutput(OUTPUT_LIMIT);

		private final CappedOutput stderr = new CappedOutput(OUTPUT_LIMIT);

		@Override
		public void onNext(Frame frame) {
			switch (frame.getStreamType()) {
				case STDERR -> this.stderr.append(frame.getPayload());
				// RAW comes only with a TTY, which these execs never ask for.
				case STDOUT, RAW -> this.stdout.append(frame.getPayload());
				default -> {
				}
			}
		}

	}

}
