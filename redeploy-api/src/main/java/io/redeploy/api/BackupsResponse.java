package io.redeploy.api;

import java.time.Instant;
import java.util.List;

/** A node's snapshots, newest first. */
public record BackupsResponse(int result, List<Backup> backups) {

	/** A snapshot: the node's previous container and the archives taken of it. */
	public record Backup(String id, long nodeId, Instant createdAt, String image, String operationId, long size) {
	}

}
