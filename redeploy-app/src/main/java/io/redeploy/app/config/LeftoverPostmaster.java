package io.redeploy.app.config;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of a previous run that outlived it. The service starts PostgreSQL as a
 * daemon ({@code pg_ctl start}); when the service is killed (SIGKILL, the OOM killer) nothing stops
 * it, and it keeps {@code postmaster.pid} and the data directory, so the next start would fail with
 * "lock file postmaster.pid already exists". Such a server is stopped before a new one is started:
 * SIGTERM first (PostgreSQL's smart shutdown: the dead service's sessions are gone already), then
 * SIGKILL of it and its children if it does not go in time; PostgreSQL replays its WAL at the next start.
 */
final class LeftoverPostmaster {

	private static final Logger logger = LoggerFactory.getLogger(LeftoverPostmaster.class);

	/** The lock file the embedded PostgreSQL library holds while its server runs (zonky's {@code epg-lock}). */
	static final String OWNER_LOCK = "epg-lock";

	private final Path dataDirectory;

	LeftoverPostmaster(Path dataDirectory) {
		this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
	}

	/**
	 * Stops the server {@code postmaster.pid} names if it is a PostgreSQL of this data directory that no
	 * running service owns; returns whether it stopped one.
	 */
	boolean stop(Duration grace) {
		Optional<ProcessHandle> postmaster = find();
		if (postmaster.isEmpty()) {
			return false;
		}
		if (ownedByALiveService()) {
			logger.warn("PostgreSQL (pid {}) in {} belongs to another running service; leaving it alone",
					postmaster.get().pid(), this.dataDirectory);
			return false;
		}
		ProcessHandle server = postmaster.get();
		logger.warn("PostgreSQL (pid {}) of a previous run still holds {} (the service was killed?): stopping it",
				server.pid(), this.dataDirectory);
		List<ProcessHandle> children = server.children().toList();
		server.destroy();
		if (!exited(server, grace)) {
			logger.warn("PostgreSQL (pid {}) did not stop within {} ms: killing it and its {} children", server.pid(),
					grace.toMillis(), children.size());
			server.destroyForcibly();
			children.forEach(ProcessHandle::destroyForcibly);
			exited(server, Duration.ofSeconds(10));
			children.forEach((child) -> exited(child, Duration.ofSeconds(10)));
		}
		return true;
	}

	/** The live PostgreSQL process {@code postmaster.pid} names, if it serves this data directory. */
	Optional<ProcessHandle> find() {
		Path pidFile = this.dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
		if (process.isPresent() && !servesThisDirectory(process.get())) {
			// a stale file whose pid was reused by an unrelated process; PostgreSQL itself overwrites it
			logger.info("{} names pid {}, which is not this directory's PostgreSQL; leaving it alone", pidFile,
					process.get().pid());
			return Optional.empty();
		}
		return process;
	}

	/** The first line of {@code postmaster.pid} is the postmaster's pid. */
	private static Optional<Long> readPid(Path pidFile) {
		try {
			List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			logger.info("Could not read a pid from {}: {}", pidFile, ex.getMessage());
			return Optional.empty();
		}
	}

	/** The postmaster keeps its original command line: {@code .../bin/postgres -D <dir> -p <port> ...}. */
	private boolean servesThisDirectory(ProcessHandle process) {
		ProcessHandle.Info info = process.info();
		boolean postgres = info.command().map((command) -> Path.of(command).getFileName().toString().equals("postgres"))
			.orElse(false);
		List<String> arguments = List.of(info.arguments().orElse(new String[0]));
		int d = arguments.indexOf("-D");
		return postgres && d >= 0 && d + 1 < arguments.size()
				&& Path.of(arguments.get(d + 1)).toAbsolutePath().normalize().equals(this.dataDirectory);
	}

	/** A service that runs holds the lock file; a killed one has released it with its process. */
	private boolean ownedByALiveService() {
		Path lockFile = this.dataDirectory.resolve(OWNER_LOCK);
		if (!Files.exists(lockFile)) {
			return false;
		}
		try (FileOutputStream stream = new FileOutputStream(lockFile.toFile(), true);
				FileLock lock = stream.getChannel().tryLock()) {
			return lock == null;
		}
		catch (OverlappingFileLockException ex) {
			return true; // this very process holds it
		}
		catch (IOException ex) {
			logger.info("Could not try the lock {}: {}", lockFile, ex.getMessage());
			return true;
		}
	}

	private static boolean exited(ProcessHandle process, Duration wait) {
		CompletableFuture<ProcessHandle> exit = process.onExit();
		try {
			exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

}
