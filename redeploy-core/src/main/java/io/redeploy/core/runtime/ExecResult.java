package io.redeploy.core.runtime;

/** Outcome of a command run inside a container. */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
