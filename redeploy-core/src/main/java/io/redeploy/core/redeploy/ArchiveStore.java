package io.redeploy.core.redeploy;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a redeploy keeps what it takes out of a container: gzipped tar archives on the host, one folder
 * per operation and node. Everything is streamed, never held in memory. Failures are reported as
 * {@link ArchiveException}; an entry that would land outside its declared path as
 * {@link UnsafeArchiveEntryException}.
 */
public interface ArchiveStore {

	/**
	 * Compresses a tar stream of {@code containerPath} (entries named relative to the path's parent, as
	 * the container runtime gives them) into a new archive of the node's folder, computing its size and
	 * sha256 on the way. Does not close {@code tar}.
	 */
	ArchiveInfo save(String operationId, long nodeId, ArchiveKind kind, String containerPath, InputStream tar);

	/**
	 * Reads an archive back whole: its sha256 must match, and every entry must stay inside the archive's
	 * declared path (see {@link #openForRestore}).
	 * @throws ArchiveChecksumException when the file changed since it was saved
	 * @throws UnsafeArchiveEntryException when an entry would escape its path
	 */
	ArchiveContents verify(ArchiveInfo archive);

	/**
	 * A tar stream of the archive to extract at {@code /} of a container: entries re-rooted at the
	 * archive's path, owners, modes, times and symlinks kept. Refuses, while streaming, any entry that
	 * would land outside the declared path: absolute names, {@code ..}, a write through a symlink of the
	 * archive, a hard link out of the tree, device nodes. With {@link RestoreMode#AS_BACKUP} the archive
	 * must hold one regular file, which is renamed {@code <file>.backup}. The file's sha256 is taken as
	 * it is read: when it does not match, reading throws {@link ArchiveChecksumException} at the end of the
	 * archive, before the tar's end is given out, so that the reader never takes a changed archive for a
	 * whole one (what it already extracted must be discarded or put back by the caller). Read failures are
	 * thrown as {@link ArchiveException}s, unchecked. The caller closes the stream.
	 */
	InputStream openForRestore(ArchiveInfo archive, RestoreMode mode);

	/** Writes the node's manifest (entries, sizes, checksums, configuration, images) beside its archives. */
	Path writeManifest(Manifest manifest);

	/** Deletes the archives and manifest of one node of an operation; a missing folder is ignored. */
	void delete(String operationId, long nodeId);

	/** The operations that have archives in the store. */
	Set<String> operationIds();

	/** Deletes every archive of an operation; a missing folder is ignored. */
	void deleteOperation(String operationId);

	/** The absolute paths a tar stream of {@code /} names (names only, data skipped). Does not close {@code tar}. */
	Set<String> listPaths(InputStream tar);

	/**
	 * A tar stream of {@code /} without the entries whose absolute path {@code exclude} accepts, and
	 * without device nodes; for merging one container's file system into another. Refuses absolute names
	 * and {@code ..} like {@link #openForRestore}. Closing it closes {@code tar}.
	 */
	InputStream filterRoot(InputStream tar, Predicate<String> exclude);

}
