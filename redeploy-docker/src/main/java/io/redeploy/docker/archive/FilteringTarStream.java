package io.redeploy.docker.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tar stream rewritten entry by entry as it is read, through an {@link EntryRule}: pull-based, so
 * that no thread is needed and no more than one chunk of data is held at a time. Owners, modes, times,
 * link targets and extended headers of the entries are kept. An {@link EndCheck} may still refuse the
 * whole archive when its last entry has been read, before the end of the archive is given out.
 */
final class FilteringTarStream extends InputStream {

	private static final int CHUNK = 64 * 1024;

	private final TarArchiveInputStream in;

	private final EntryRule rule;

	private final EndCheck endCheck;

	private final ByteQueue queue = new ByteQueue();

	private final TarArchiveOutputStream out;

	private final byte[] chunk = new byte[CHUNK];

	private boolean inEntry;

	private boolean done;

	FilteringTarStream(InputStream tar, EntryRule rule) {
		this(tar, rule, EndCheck.NONE);
	}

	FilteringTarStream(InputStream tar, EntryRule rule, EndCheck endCheck) {
		this.in = new TarArchiveInputStream(tar);
		this.rule = rule;
		this.endCheck = endCheck;
		this.out = new TarArchiveOutputStream(this.queue);
		this.out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
		this.out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		int count = read(one, 0, 1);
		return (count < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		while (this.queue.available() == 0 && !this.done) {
			advance();
		}
		return (this.queue.available() == 0) ? -1 : this.queue.read(target, offset, length);
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/** Moves one chunk of data, or one entry's header, or the end of the archive into the queue. */
	private void advance() throws IOException {
		if (this.inEntry) {
			int count = this.in.read(this.chunk);
			if (count < 0) {
				this.out.closeArchiveEntry();
				this.inEntry = false;
			}
			else {
				this.out.write(this.chunk, 0, count);
			}
			return;
		}
		TarArchiveEntry entry = this.in.getNextEntry();
		if (entry == null) {
			this.endCheck.beforeEnd();
			this.out.finish();
			this.done = true;
			return;
		}
		Optional<TarArchiveEntry> kept = this.rule.apply(entry);
		if (kept.isEmpty()) {
			return;
		}
		this.out.putArchiveEntry(kept.get());
		if (kept.get().getSize() > 0) {
			this.inEntry = true;
		}
		else {
			this.out.closeArchiveEntry();
		}
	}

	/** Asked once the input has no more entries, before the end of the archive is written; throws to refuse it. */
	@FunctionalInterface
	interface EndCheck {

		EndCheck NONE = () -> {
		};

		void beforeEnd() throws IOException;

	}

}
