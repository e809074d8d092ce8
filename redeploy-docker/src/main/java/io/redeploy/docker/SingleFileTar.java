package io.redeploy.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import io.redeploy.core.runtime.ContainerRuntimeException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Reads and writes the one-entry tar streams that carry a single file to and from a container. */
final class SingleFileTar {

	private static final int REGULAR_FILE = 0100000;

	private static final int PERMISSIONS = 07777;

	// A byte array cannot be larger; a file this big is no configuration file anyway.
	private static final long LARGEST_READABLE = Integer.MAX_VALUE - 16;

	private SingleFileTar() {
	}

	/** Owner and permission bits of a file, as a tar header carries them. */
	record FileAttributes(int permissions, long uid, long gid) {

		static final FileAttributes NEW_FILE = new FileAttributes(0644, 0, 0);

		static FileAttributes of(TarArchiveEntry entry) {
			return new FileAttributes(entry.getMode() & PERMISSIONS, entry.getLongUserId(), entry.getLongGroupId());
		}

	}

	/** The first entry of a stream the engine sent for one path; {@code what} names it in messages. */
	static TarArchiveEntry firstEntry(TarArchiveInputStream tar, String what) throws IOException {
		TarArchiveEntry entry = tar.getNextEntry();
		if (entry == null) {
			throw new ContainerRuntimeException("The engine sent an empty archive for " + what);
		}
		return entry;
	}

	/** The content of the current entry, which must be a regular file of at most {@code maxBytes}. */
	static byte[] content(TarArchiveInputStream tar, TarArchiveEntry entry, String what, long maxBytes)
			throws IOException {
		if (!isRegularFile(entry)) {
			throw new ContainerRuntimeException(what + " is not a regular file but a " + kind(entry));
		}
		long limit = Math.min(maxBytes, LARGEST_READABLE);
		if (entry.getSize() > limit) {
			throw tooLarge(what, maxBytes);
		}
		// The header's size is checked above; counting again guards against a header that lies.
		byte[] content = tar.readNBytes((int) limit + 1);
		if (content.length > limit) {
			throw tooLarge(what, maxBytes);
		}
		return content;
	}

	/** A tar of one regular file, named relative to the directory it is extracted into. */
	static byte[] of(String name, byte[] content, FileAttributes attributes) {
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setMode(REGULAR_FILE | (attributes.permissions() & PERMISSIONS));
		entry.setUserId(attributes.uid());
		entry.setGroupId(attributes.gid());
		entry.setSize(content.length);
		entry.setModTime(FileTime.from(Instant.now()));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 2048);
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
			tar.putArchiveEntry(entry);
			tar.write(content);
			tar.closeArchiveEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Writing to memory failed", ex);
		}
		return bytes.toByteArray();
	}

	// TarArchiveEntry.isFile() is also true for links and devices: anything not named like a directory.
	static boolean isRegularFile(TarArchiveEntry entry) {
		return entry.isFile() && !entry.isSymbolicLink() && !entry.isLink() && !entry.isCharacterDevice()
				&& !entry.isBlockDevice() && !entry.isFIFO();
	}

	static String kind(TarArchiveEntry entry) {
		if (entry.isDirectory()) {
			return "directory";
		}
		if (entry.isSymbolicLink()) {
			return "symbolic link to " + entry.getLinkName();
		}
		if (isRegularFile(entry)) {
			return "regular file";
		}
		return "special file";
	}

	private static ContainerRuntimeException tooLarge(String what, long maxBytes) {
		return new ContainerRuntimeException(what + " is larger than " + maxBytes + " bytes");
	}

}
