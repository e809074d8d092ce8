package io.redeploy.docker.archive;

import java.nio.file.Path;

import io.redeploy.core.redeploy.ArchiveStore;

/** Creates the {@link ArchiveStore} that keeps a redeploy's archives on the host's file system. */
public final class ArchiveStores {

	/** Fast rather than small: the archives live only until the snapshot is pruned. */
	public static final int DEFAULT_COMPRESSION_LEVEL = 1;

	private ArchiveStores() {
	}

	/** A store under {@code root} ({@code <root>/<operationId>/node<id>/}), gzip level 1. */
	public static ArchiveStore onFileSystem(Path root) {
		return onFileSystem(root, DEFAULT_COMPRESSION_LEVEL);
	}

	/** A store under {@code root} with a gzip level from 0 (stored) to 9 (smallest). */
	public static ArchiveStore onFileSystem(Path root, int compressionLevel) {
		if (compressionLevel < 0 || compressionLevel > 9) {
			throw new IllegalArgumentException("compression level must be between 0 and 9, not " + compressionLevel);
		}
		return new FileSystemArchiveStore(root.toAbsolutePath().normalize(), compressionLevel);
	}

}
