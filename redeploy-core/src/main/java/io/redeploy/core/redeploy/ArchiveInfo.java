package io.redeploy.core.redeploy;

import java.nio.file.Path;
import java.util.Objects;

/** One {@code .tar.gz} archive on the host of what {@code containerPath} held; {@code sha256} is of the file. */
public record ArchiveInfo(ArchiveKind kind, String containerPath, Path file, long sizeBytes, String sha256) {

	public ArchiveInfo {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(containerPath, "containerPath");
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(sha256, "sha256");
	}

}
