package io.redeploy.core.redeploy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where the snapshots of nodes are recorded. */
public interface SnapshotRepository {

	void save(Snapshot snapshot);

	/** The node's snapshots, newest first. */
	List<Snapshot> findByNode(long nodeId);

	Optional<Snapshot> find(String snapshotId);

	/** The operations whose archives some snapshot still needs. */
	Set<String> operationIds();

	/** Deletes the record; a missing one is ignored. */
	void delete(String snapshotId);

}
