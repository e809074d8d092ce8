package io.redeploy.app.config;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real processes stand in for a PostgreSQL left running by a killed service: a copy of {@code /bin/sh}
 * named {@code postgres}, started with {@code -D <data directory>} as the postmaster keeps it.
 */
@EnabledOnOs(OS.LINUX)
class LeftoverPostmasterTests {

	@TempDir
	Path temp;

	private Path dataDirectory;

	private Path fakePostgres;

	private final List<Process> started = new ArrayList<>();

	@BeforeEach
	void makeFakePostgres() throws IOException {
		this.dataDirectory = Files.createDirectories(this.temp.resolve("postgres"));
		this.fakePostgres = Files.createDirectories(this.temp.resolve("bin")).resolve("postgres");
		Files.copy(Path.of("/bin/sh"), this.fakePostgres);
		Files.setPosixFilePermissions(this.fakePostgres, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	@AfterEach
	void killWhatWasStarted() {
		this.started.forEach((process) -> {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		});
	}

	@Test
	void aLeftoverServerOfThisDirectoryIsStopped() throws Exception {
		Process server = startFakePostgres("trap 'kill $!; exit 0' TERM; sleep 600 & wait", this.dataDirectory);
		awaitChild(server);
		writePidFile(server.pid());

		boolean stopped = new LeftoverPostmaster(this.dataDirectory).stop(Duration.ofSeconds(10));

		assertThat(stopped).isTrue();
		assertThat(server.waitFor(5, TimeUnit.SECONDS)).isTrue();
		assertThat(server.exitValue()).as("ended by SIGTERM, its own way").isZero();
	}

	@Test
	void aServerThatIgnoresSigtermIsKilledWithItsChildrenAfterTheGracePeriod() throws Exception {
		Process server = startFakePostgres("trap '' TERM; sleep 600 & wait", this.dataDirectory);
		awaitChild(server);
		List<ProcessHandle> children = server.children().toList();
		writePidFile(server.pid());

		boolean stopped = new LeftoverPostmaster(this.dataDirectory).stop(Duration.ofMillis(500));

		assertThat(stopped).isTrue();
		assertThat(server.waitFor(5, TimeUnit.SECONDS)).isTrue();
		assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
	}

	@Test
	void aPostgresOfAnotherDirectoryIsLeftAlone() throws Exception {
		Path other = Files.createDirectories(this.temp.resolve("other"));
		Process server = startFakePostgres("sleep 600", other);
		writePidFile(server.pid());

		assertThat(new LeftoverPostmaster(this.dataDirectory).stop(Duration.ofSeconds(1))).isFalse();
		assertThat(server.isAlive()).isTrue();
	}

	@Test
	void anUnrelatedProcessWithTheStalePidIsLeftAlone() throws Exception {
		Process sleep = start(List.of("sleep", "600"));
		writePidFile(sleep.pid());

		assertThat(new LeftoverPostmaster(this.dataDirectory).stop(Duration.ofSeconds(1))).isFalse();
		assertThat(sleep.isAlive()).isTrue();
	}

	@Test
	void aServerWhoseServiceStillHoldsTheLockIsLeftAlone() throws Exception {
		Process server = startFakePostgres("sleep 600", this.dataDirectory);
		writePidFile(server.pid());

		try (FileOutputStream stream = new FileOutputStream(this.dataDirectory.resolve(LeftoverPostmaster.OWNER_LOCK).toFile());
				FileLock lock = stream.getChannel().lock()) {
			assertThat(new LeftoverPostmaster(this.dataDirectory).stop(Duration.ofSeconds(1))).isFalse();
		}
		assertThat(server.isAlive()).isTrue();
	}

	@Test
	void aMissingUnreadableOrDeadPidFileStopsNothing() throws Exception {
		LeftoverPostmaster leftover = new LeftoverPostmaster(this.dataDirectory);
		assertThat(leftover.stop(Duration.ofSeconds(1))).as("no file").isFalse();

		Files.writeString(this.dataDirectory.resolve("postmaster.pid"), "not a pid\n");
		assertThat(leftover.stop(Duration.ofSeconds(1))).as("garbage").isFalse();

		Process gone = start(List.of("true"));
		gone.waitFor();
		writePidFile(gone.pid());
		assertThat(leftover.stop(Duration.ofSeconds(1))).as("dead pid").isFalse();
	}

	private Process startFakePostgres(String script, Path directory) throws IOException {
		// sh -c <script> <$0> <$1>: the process's own command line ends with "-D <directory>"
		return start(List.of(this.fakePostgres.toString(), "-c", script, "-D", directory.toString()));
	}

	private Process start(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		this.started.add(process);
		return process;
	}

	private void writePidFile(long pid) throws IOException {
		Files.writeString(this.dataDirectory.resolve("postmaster.pid"), pid + "\n" + this.dataDirectory + "\n");
	}

	private static void awaitChild(Process process) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (process.children().findAny().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

}
