package io.redeploy.core.redeploy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.runtime.ImageRef;

/**
 * A node's previous container, stopped and kept for going back: its image, its configuration at that
 * time, and the archives taken of it (volumes included) by operation {@code operationId}.
 */
public record Snapshot(String id, long nodeId, String envName, Instant createdAt, ImageRef image, String operationId,
		String containerId, NodeConfig config, List<ArchiveInfo> archives) {

	public Snapshot {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(envName, "envName");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(operationId, "operationId");
		Objects.requireNonNull(containerId, "containerId");
		Objects.requireNonNull(config, "config");
		archives = List.copyOf(archives);
	}

	/** The total size of the snapshot's archives. */
	public long archiveBytes() {
		return this.archives.stream().mapToLong(ArchiveInfo::sizeBytes).sum();
	}

}
