package io.redeploy.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.redeploy.core.runtime.ContainerNotFoundException;
import io.redeploy.core.runtime.ContainerPathNotFoundException;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.docker.testing.TestImages;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ArchivesIT extends EngineTestSupport {

	private static final long ONE_MIB = 1024 * 1024;

	@Test
	void archiveOfOneContainerExtractsIntoAnother() throws IOException {
		String source = spec("source", TestImages.APP_1).create(this.runtime);
		String target = startApp("target", TestImages.APP_2);

		try (InputStream tar = this.runtime.openArchive(source, "/opt/app")) {
			this.runtime.putArchive(target, "/tmp", tar);
		}

		assertThat(sh(target, "cat /tmp/app/VERSION /tmp/app/only-in-1.txt").stdout())
			.isEqualTo("1\nonly in version 1\n");
	}

	@Test
	void archiveEntriesAreNamedFromThePathsParent() throws IOException {
		String id = spec("source", TestImages.APP_1).create(this.runtime);

		List<String> names = new ArrayList<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(this.runtime.openArchive(id, "/opt/app"))) {
			for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				names.add(entry.getName());
			}
		}

		assertThat(names).containsExactlyInAnyOrder("app/", "app/VERSION", "app/only-in-1.txt");
	}

	@Test
	void missingPathOrContainerIsReportedAsSuch() {
		String id = spec("app", TestImages.APP_1).create(this.runtime);

		assertThatExceptionOfType(ContainerPathNotFoundException.class)
			.isThrownBy(() -> this.runtime.openArchive(id, "/no/such/path"))
			.satisfies((ex) -> assertThat(ex.path()).isEqualTo("/no/such/path"));
		assertThatExceptionOfType(ContainerPathNotFoundException.class)
			.isThrownBy(() -> this.runtime.putArchive(id, "/no/such/dir", InputStream.nullInputStream()));
		assertThatExceptionOfType(ContainerPathNotFoundException.class)
			.isThrownBy(() -> this.runtime.readFile(id, "/no/such/file", ONE_MIB));
		assertThatExceptionOfType(ContainerNotFoundException.class)
			.isThrownBy(() -> this.runtime.openArchive(name("missing"), "/opt/app"));
	}

	@Test
	void readFileReturnsContentOfStoppedContainer() {
		String id = spec("app", TestImages.APP_1).create(this.runtime);

		assertThat(this.runtime.readFile(id, "/etc/app/app.ini", ONE_MIB)).asString(StandardCharsets.UTF_8)
			.isEqualTo("version=1\n");
	}

	@Test
	void readFileRefusesDirectory() {
		String id = spec("app", TestImages.APP_1).create(this.runtime);

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.runtime.readFile(id, "/etc/app", ONE_MIB))
			.withMessageContaining("/etc/app")
			.withMessageContaining("directory")
			.isExactlyInstanceOf(ContainerRuntimeException.class);
	}

	@Test
	void readFileRefusesFileLargerThanLimitWithoutReadingIt() {
		String id = startApp("app", TestImages.APP_1);
		// Sparse: costs no disk, but the engine would stream all 4 GiB if the reader drained it.
		assertSucceeded(sh(id, "busybox truncate -s 4G /tmp/big"));

		long start = System.nanoTime();
		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.runtime.readFile(id, "/tmp/big", ONE_MIB))
			.withMessageContaining("larger than 1048576 bytes");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void writeFileCreatesMissingParentDirectories() {
		String id = startApp("app", TestImages.APP_1);

		this.runtime.writeFile(id, "/srv/new/deep/conf.txt", "created\n".getBytes(StandardCharsets.UTF_8));

		assertThat(sh(id, "cat /srv/new/deep/conf.txt").stdout()).isEqualTo("created\n");
		assertThat(sh(id, "stat -c '%a %u %g' /srv/new/deep/conf.txt").stdout()).isEqualTo("644 0 0\n");
		assertThat(sh(id, "stat -c '%a' /srv/new /srv/new/deep").stdout()).isEqualTo("755\n755\n");
	}

	@Test
	void writeFileKeepsModeAndOwnerOfExistingFile() {
		String id = startApp("app", TestImages.APP_1);
		assertSucceeded(sh(id, "chmod 600 /etc/app/app.ini && chown 123:456 /etc/app/app.ini"));

		this.runtime.writeFile(id, "/etc/app/app.ini", "version=edited\n".getBytes(StandardCharsets.UTF_8));

		assertThat(sh(id, "cat /etc/app/app.ini").stdout()).isEqualTo("version=edited\n");
		assertThat(sh(id, "stat -c '%a %u %g' /etc/app/app.ini").stdout()).isEqualTo("600 123 456\n");
	}

	@Test
	void writeFileIntoStoppedContainerIsSeenOnStart() {
		String id = spec("app", TestImages.APP_1).create(this.runtime);

		this.runtime.writeFile(id, "/etc/app/app.ini", "version=before-start\n".getBytes(StandardCharsets.UTF_8));
		this.runtime.startContainer(id);

		assertThat(sh(id, "cat /etc/app/app.ini").stdout()).isEqualTo("version=before-start\n");
	}

	@Test
	void writeFileRefusesDirectory() {
		String id = spec("app", TestImages.APP_1).create(this.runtime);

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.runtime.writeFile(id, "/etc/app", new byte[0]))
			.withMessageContaining("directory");
	}

	@Test
	void symbolicLinksAreFollowedOnReadAndKeptOnWrite() {
		this.runtime.createVolume(name("config"), this.labels);
		String id = spec("app", TestImages.APP_1).volume(name("config"), "/config").start(this.runtime);
		assertSucceeded(sh(id, "echo version=linked > /config/app.ini && ln -sf ../../config/app.ini /etc/app/app.ini"));

		assertThat(this.runtime.readFile(id, "/etc/app/app.ini", ONE_MIB)).asString(StandardCharsets.UTF_8)
			.isEqualTo("version=linked\n");
		this.runtime.writeFile(id, "/etc/app/app.ini", "version=written\n".getBytes(StandardCharsets.UTF_8));

		assertThat(sh(id, "readlink /etc/app/app.ini; cat /config/app.ini").stdout())
			.isEqualTo("../../config/app.ini\nversion=written\n");
	}

}
