package io.redeploy.docker.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

import io.redeploy.core.redeploy.ArchiveChecksumException;
import io.redeploy.core.redeploy.ArchiveException;
import io.redeploy.core.redeploy.ArchiveInfo;

/**
 * The restore stream of an archive file (file → sha256 → gunzip → entry filter), trusted only once
 * the whole file was read and matched the sha256 recorded when it was written. The check runs before
 * the tar's end is given out, so that a reader never receives a complete archive that changed on disk
 * since {@code verify}, even one that is well-formed; what it extracted until then is the caller's to
 * discard. A file that cannot be decompressed is checked the same way, so that a damaged file is
 * reported as such rather than as a gzip error.
 * <p>
 * Failures are thrown unchecked, as core exceptions: the engine's transport passes those through
 * untouched, while it wraps an {@link IOException} of the stream like one of its own connection.
 */
final class VerifiedRestoreStream extends InputStream {

	private static final int BUFFER = 64 * 1024;

	private final ArchiveInfo archive;

	private final MessageDigest sha256;

	private final InputStream file;

	private InputStream gzip = InputStream.nullInputStream();

	private InputStream tar = InputStream.nullInputStream();

	private boolean checked;

	private VerifiedRestoreStream(ArchiveInfo archive, MessageDigest sha256, InputStream file) {
		this.archive = archive;
		this.sha256 = sha256;
		this.file = file;
	}

	static VerifiedRestoreStream open(ArchiveInfo archive, EntryRule rule) {
		MessageDigest sha256 = FileSystemArchiveStore.sha256();
		InputStream file = new DigestInputStream(FileSystemArchiveStore.openFile(archive.file()), sha256);
		VerifiedRestoreStream stream = new VerifiedRestoreStream(archive, sha256, file);
		try {
			stream.gzip = new GZIPInputStream(new BufferedInputStream(file, BUFFER), BUFFER);
		}
		catch (IOException ex) {
			RuntimeException failure = stream.failed(ex);
			stream.closeQuietly();
			throw failure;
		}
		stream.tar = new FilteringTarStream(stream.gzip, rule, stream::requireUnchanged);
		return stream;
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		int count = read(one, 0, 1);
		return (count < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] target, int offset, int length) {
		try {
			return this.tar.read(target, offset, length);
		}
		catch (IOException ex) {
			throw failed(ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.tar.close();
		}
		finally {
			this.file.close();
		}
	}

	/** Reads what is left of the file (the tar's end blocks, gzip's trailer) and compares its sha256. */
	private void requireUnchanged() throws IOException {
		this.gzip.transferTo(OutputStream.nullOutputStream());
		this.file.transferTo(OutputStream.nullOutputStream());
		compareChecksum();
	}

	private void compareChecksum() {
		if (this.checked) {
			return;
		}
		this.checked = true;
		FileSystemArchiveStore.requireChecksum(this.archive, this.sha256);
	}

	/** A read failure, told as a checksum failure when the file is not the one that was written. */
	private RuntimeException failed(IOException ex) {
		try {
			if (!this.checked) {
				this.file.transferTo(OutputStream.nullOutputStream());
				compareChecksum();
			}
		}
		catch (ArchiveChecksumException damaged) {
			damaged.addSuppressed(ex);
			return damaged;
		}
		catch (IOException unreadable) {
			ex.addSuppressed(unreadable);
		}
		return new ArchiveException("Could not read archive " + this.archive.file() + ": " + ex.getMessage(), ex);
	}

	private void closeQuietly() {
		try {
			this.file.close();
		}
		catch (IOException ex) {
			// nothing was read yet, and the failure to open is what gets reported
		}
	}

}
