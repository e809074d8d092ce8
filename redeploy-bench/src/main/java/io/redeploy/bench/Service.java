package io.redeploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The service as users run it: its Boot jar in a JVM of its own, with a 256 MiB heap (so that a data
 * path that buffered would fail rather than look fast), a fresh data directory and a free port.
 */
final class Service implements AutoCloseable {

	static final String HEAP = "-Xmx256m";

	private final Process process;

	private final Path dataDir;

	private final Path log;

	private final int port;

	private Service(Process process, Path dataDir, Path log, int port) {
		this.process = process;
		this.dataDir = dataDir;
		this.log = log;
		this.port = port;
	}

	/** Starts the jar and waits until it answers HTTP. */
	static Service start(Path jar, Path directory, String adminPassword, List<String> extraArguments) {
		if (!Files.isRegularFile(jar)) {
			throw new BenchException(jar + " is missing: build with mvn -B -q -DskipTests package");
		}
		try {
			Path dataDir = Files.createDirectories(directory.resolve("data"));
			Path log = directory.resolve("service.log");
			int port = freePort();
			List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					HEAP, "-jar", jar.toString(), "--server.port=" + port, "--redeploy.data-dir=" + dataDir,
					"--redeploy.admin.password=" + adminPassword));
			command.addAll(extraArguments);
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			Service service = new Service(process, dataDir, log, port);
			service.awaitAnswer();
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	/** Stops it as an operator would (SIGTERM), then, if it hangs, kills it and its embedded PostgreSQL. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		postgresPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroy);
	}

	private void awaitAnswer() {
		Api api = new Api(this.port);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new BenchException("The service exited with " + this.process.exitValue() + "; see " + this.log);
			}
			if (api.answers()) {
				return;
			}
			sleep(250);
		}
		throw new BenchException("The service did not answer within 3 minutes; see " + this.log);
	}

	// The embedded PostgreSQL writes its postmaster's pid on the first line of postmaster.pid.
	private Optional<Long> postgresPid() {
		try (var files = Files.walk(this.dataDir.resolve("postgres"), 2)) {
			Optional<Path> pidFile = files.filter((path) -> path.getFileName().toString().equals("postmaster.pid")).findFirst();
			if (pidFile.isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(Long.parseLong(Files.readAllLines(pidFile.get()).get(0).strip()));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("Interrupted");
		}
	}

}
