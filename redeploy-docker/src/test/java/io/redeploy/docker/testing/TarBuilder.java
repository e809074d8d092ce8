package io.redeploy.docker.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds small tar archives in memory. Every entry gets the same time and owner, so that the same
 * content always gives the same bytes, and so the same fixture hash.
 */
final class TarBuilder {

	private static final FileTime FIXED_TIME = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final TarArchiveOutputStream tar = new TarArchiveOutputStream(this.bytes);

	TarBuilder() {
		this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
	}

	TarBuilder directory(String name, int mode) {
		TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
		entry.setMode((TarArchiveEntry.DEFAULT_DIR_MODE & ~07777) | mode);
		return add(entry, null);
	}

	TarBuilder file(String name, int mode, byte[] content) {
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setMode((TarArchiveEntry.DEFAULT_FILE_MODE & ~07777) | mode);
		entry.setSize(content.length);
		return add(entry, content);
	}

	TarBuilder file(String name, String content) {
		return file(name, 0644, content.getBytes(StandardCharsets.UTF_8));
	}

	TarBuilder symlink(String name, String target) {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
		entry.setLinkName(target);
		entry.setMode(0120777);
		return add(entry, null);
	}

	byte[] build() {
		try {
			this.tar.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this.bytes.toByteArray();
	}

	private TarBuilder add(TarArchiveEntry entry, byte[] content) {
		entry.setModTime(FIXED_TIME);
		entry.setUserId(0);
		entry.setGroupId(0);
		try {
			this.tar.putArchiveEntry(entry);
			if (content != null) {
				this.tar.write(content);
			}
			this.tar.closeArchiveEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

}
