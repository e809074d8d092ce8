package io.redeploy.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.redeploy.app.support.ApiClient;

/**
 * The service as its users run it: {@code java -jar redeploy-app.jar} in a process of its own, on one
 * data directory and port across restarts, each run logging to a file of its own. {@link #kill()} is
 * SIGKILL: no shutdown hook runs, so the embedded PostgreSQL is left behind as after an OOM kill.
 */
final class ServiceProcess implements AutoCloseable {

	private static final Path JAR = Path.of("target", "redeploy-app.jar");

	private final Path dataDir;

	private final int port;

	private final List<String> settings;

	private final String login;

	private final String password;

	private Process process;

	private Path log;

	private int runs;

	/** {@code login} and {@code password}: an account of {@code settings}, whose sign-in tells that a run is ready. */
	ServiceProcess(Path dataDir, List<String> settings, String login, String password) {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests with mvn verify (package builds it)");
		}
		this.dataDir = dataDir;
		this.port = freePort();
		this.settings = List.copyOf(settings);
		this.login = login;
		this.password = password;
	}

	ApiClient api() {
		return new ApiClient(this.port);
	}

	/** Starts a run with the extra {@code --name=value} settings and waits until the account can sign in. */
	void start(Map<String, String> extra, Duration timeout) {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException("the service is running already");
		}
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Xmx512m", "-jar", JAR.toAbsolutePath().toString(), "--server.port=" + this.port,
				"--redeploy.data-dir=" + this.dataDir));
		command.addAll(this.settings);
		extra.forEach((name, value) -> command.add("--" + name + "=" + value));
		this.log = this.dataDir.resolve("service-" + (++this.runs) + ".log");
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		awaitAnswering(timeout);
	}

	/** SIGKILL, and waits for the process to be gone. */
	void kill() {
		this.process.destroyForcibly();
		awaitExit(Duration.ofSeconds(30));
	}

	/** SIGKILL of the service and of its PostgreSQL with every child at once, as when their container is killed. */
	void killWithDatabase() {
		Optional<ProcessHandle> postgres = postmaster();
		List<ProcessHandle> children = postgres.map((server) -> server.children().toList()).orElse(List.of());
		this.process.destroyForcibly();
		postgres.ifPresent(ProcessHandle::destroyForcibly);
		children.forEach(ProcessHandle::destroyForcibly);
		awaitExit(Duration.ofSeconds(30));
		postgres.ifPresent((server) -> server.onExit().join());
	}

	/** SIGTERM: an orderly stop, which stops the embedded PostgreSQL too. */
	void stop() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			awaitExit(Duration.ofSeconds(60));
		}
	}

	/** The embedded PostgreSQL's postmaster as its pid file names it, if that process is alive. */
	Optional<ProcessHandle> postmaster() {
		Path pidFile = this.dataDir.resolve("postgres").resolve("postmaster.pid");
		try {
			if (!Files.exists(pidFile)) {
				return Optional.empty();
			}
			String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim();
			return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** The last lines of the current run's log, for failure messages. */
	String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Kills the service if it runs and any PostgreSQL it left, with their children. */
	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			stop();
			if (this.process.isAlive()) {
				kill();
			}
		}
		postmaster().ifPresent((postgres) -> {
			List<ProcessHandle> children = postgres.children().toList();
			postgres.destroy();
			try {
				postgres.onExit().get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				postgres.destroyForcibly();
				children.forEach(ProcessHandle::destroyForcibly);
			}
		});
	}

	private void awaitAnswering(Duration timeout) {
		ApiClient api = api();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("the service exited with " + this.process.exitValue() + ":\n" + logTail(40));
			}
			try {
				// accounts are seeded once the web server runs: an early sign-in may still be refused
				if (api.post("users/authentication/rest/signin", "login", this.login, "password", this.password).status() == 200) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// not listening yet
			}
			sleep(Duration.ofMillis(200));
		}
		throw new IllegalStateException("the service did not answer within " + timeout.toSeconds() + " s:\n" + logTail(40));
	}

	private void awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("the service did not exit within " + timeout.toSeconds() + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
