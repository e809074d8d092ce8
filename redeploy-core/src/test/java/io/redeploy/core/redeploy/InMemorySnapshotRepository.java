package io.redeploy.core.redeploy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Snapshots in a map. */
class InMemorySnapshotRepository implements SnapshotRepository {

	private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

	@Override
	public void save(Snapshot snapshot) {
		this.snapshots.put(snapshot.id(), snapshot);
	}

	@Override
	public List<Snapshot> findByNode(long nodeId) {
		return this.snapshots.values()
			.stream()
			.filter((snapshot) -> snapshot.nodeId() == nodeId)
			.sorted(Comparator.comparing(Snapshot::createdAt).reversed())
			.toList();
	}

	@Override
	public Optional<Snapshot> find(String snapshotId) {
		return Optional.ofNullable(this.snapshots.get(snapshotId));
	}

	@Override
	public Set<String> operationIds() {
		return this.snapshots.values().stream().map(Snapshot::operationId).collect(Collectors.toSet());
	}

	@Override
	public void delete(String snapshotId) {
		this.snapshots.remove(snapshotId);
	}

}
