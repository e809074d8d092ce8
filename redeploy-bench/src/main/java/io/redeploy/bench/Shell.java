package io.redeploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands (docker CLI, tar, gzip, the docker-CLI floor script) and reads their output. */
final class Shell {

	private Shell() {
	}

	/** Runs a command; its standard output is returned, a non-zero exit fails with its standard error. */
	static String run(List<String> command) {
		try {
			Path stderr = Files.createTempFile("bench-stderr-", ".txt");
			try {
				Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
				process.getOutputStream().close();
				String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(30, TimeUnit.MINUTES)) {
					process.destroyForcibly();
					throw new BenchException("Timed out: " + String.join(" ", command));
				}
				if (process.exitValue() != 0) {
					throw new BenchException("Failed (exit " + process.exitValue() + "): " + String.join(" ", command)
							+ "\n" + Files.readString(stderr, StandardCharsets.UTF_8).strip());
				}
				return out;
			}
			finally {
				Files.deleteIfExists(stderr);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("Interrupted: " + String.join(" ", command));
		}
	}

	/** Runs a bash script with {@code set -euo pipefail}; {@code $1 …} are the arguments. */
	static String bash(String script, String... args) {
		List<String> command = new ArrayList<>(List.of("bash", "-c", "set -euo pipefail\n" + script, "bench"));
		command.addAll(List.of(args));
		return run(command);
	}

	static String docker(String... args) {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(args));
		return run(command);
	}

	/** Like {@link #docker} but a failure is only returned as false: for clean-up. */
	static boolean dockerQuietly(String... args) {
		try {
			docker(args);
			return true;
		}
		catch (BenchException ex) {
			return false;
		}
	}

	/** Milliseconds since {@code startNanos}. */
	/**
	 * Writes the page cache's dirty data to disk, so that the next measured piece does not pay for the
	 * writeback of the one before (each run of the data path writes several GiB).
	 */
	static void sync() {
		run(List.of("sync"));
	}

	static double millisSince(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e6;
	}

}
