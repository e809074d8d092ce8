package io.redeploy.core.redeploy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.runtime.ImageRef;

/** What an operation took out of one node: enough to understand and restore it without the database. */
public record Manifest(String operationId, String envName, long nodeId, String nodeGroup, String containerId,
		ImageRef oldImage, ImageRef newImage, Instant createdAt, NodeConfig config, List<ArchiveInfo> archives,
		List<String> warnings) {

	public Manifest {
		Objects.requireNonNull(operationId, "operationId");
		Objects.requireNonNull(oldImage, "oldImage");
		Objects.requireNonNull(newImage, "newImage");
		Objects.requireNonNull(config, "config");
		archives = List.copyOf(archives);
		warnings = List.copyOf(warnings);
	}

}
