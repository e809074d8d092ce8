package io.redeploy.core.redeploy;

import java.nio.file.Path;

/** An archive's content no longer matches the checksum taken when it was written: it changed on disk since. */
public class ArchiveChecksumException extends ArchiveException {

	private final Path file;

	public ArchiveChecksumException(Path file, String expected, String actual) {
		super("Archive " + file + " failed its checksum, it changed on disk after it was written: sha256 " + actual
				+ ", expected " + expected);
		this.file = file;
	}

	public Path file() {
		return this.file;
	}

}
