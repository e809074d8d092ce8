package io.redeploy.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.docker.SingleFileTar.FileAttributes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SingleFileTarTests {

	private static final byte[] CONTENT = "version=1\n".getBytes(StandardCharsets.UTF_8);

	@Test
	void writtenFileCarriesNameContentPermissionsAndOwner() throws IOException {
		byte[] tar = SingleFileTar.of("etc/app/app.ini", CONTENT, new FileAttributes(0600, 123, 456));

		try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
			TarArchiveEntry entry = SingleFileTar.firstEntry(in, "app.ini");
			assertThat(entry.getName()).isEqualTo("etc/app/app.ini");
			assertThat(entry.getMode()).isEqualTo(0100600);
			assertThat(FileAttributes.of(entry)).isEqualTo(new FileAttributes(0600, 123, 456));
			assertThat(SingleFileTar.content(in, entry, "app.ini", 100)).isEqualTo(CONTENT);
			assertThat(in.getNextEntry()).isNull();
		}
	}

	@Test
	void newFileIsRootsAndReadableByAll() {
		assertThat(FileAttributes.NEW_FILE).isEqualTo(new FileAttributes(0644, 0, 0));
	}

	@Test
	void longNamesAndLargeIdsSurvive() throws IOException {
		String name = "opt/" + "deep/".repeat(40) + "file.txt";
		byte[] tar = SingleFileTar.of(name, CONTENT, new FileAttributes(0644, 3_000_000, 3_000_000));

		try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
			TarArchiveEntry entry = in.getNextEntry();
			assertThat(entry.getName()).isEqualTo(name);
			assertThat(entry.getLongUserId()).isEqualTo(3_000_000);
		}
	}

	@Test
	void fileLargerThanLimitIsRefused() throws IOException {
		byte[] tar = SingleFileTar.of("app.ini", CONTENT, FileAttributes.NEW_FILE);

		try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
			TarArchiveEntry entry = in.getNextEntry();
			assertThatExceptionOfType(ContainerRuntimeException.class)
				.isThrownBy(() -> SingleFileTar.content(in, entry, "/etc/app.ini", CONTENT.length - 1))
				.withMessage("/etc/app.ini is larger than 9 bytes");
		}
	}

	@Test
	void fileOfExactlyTheLimitIsRead() throws IOException {
		byte[] tar = SingleFileTar.of("app.ini", CONTENT, FileAttributes.NEW_FILE);

		try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
			assertThat(SingleFileTar.content(in, in.getNextEntry(), "app.ini", CONTENT.length)).isEqualTo(CONTENT);
		}
	}

	@Test
	void directoryAndLinkAreNoRegularFiles() throws IOException {
		byte[] tar = tarOf(new TarArchiveEntry("app/"), symlink("app.ini", "real.ini"));

		try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
			TarArchiveEntry directory = in.getNextEntry();
			assertThatExceptionOfType(ContainerRuntimeException.class)
				.isThrownBy(() -> SingleFileTar.content(in, directory, "/etc/app", 100))
				.withMessage("/etc/app is not a regular file but a directory");
			TarArchiveEntry link = in.getNextEntry();
			assertThat(link.isFile()).as("commons-compress calls a link a file").isTrue();
			assertThat(SingleFileTar.isRegularFile(link)).isFalse();
			assertThat(SingleFileTar.kind(link)).isEqualTo("symbolic link to real.ini");
		}
	}

	@Test
	void emptyArchiveIsAnError() {
		byte[] tar = tarOf();

		assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(
				() -> SingleFileTar.firstEntry(new TarArchiveInputStream(new ByteArrayInputStream(tar)), "/x"))
			.withMessageContaining("empty archive");
	}

	private static TarArchiveEntry symlink(String name, String target) {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
		entry.setLinkName(target);
		return entry;
	}

	private static byte[] tarOf(TarArchiveEntry... entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
			for (TarArchiveEntry entry : entries) {
				out.putArchiveEntry(entry);
				out.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return bytes.toByteArray();
	}

}
