package io.redeploy.core.redeploy;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.environment.NodeContainers;

/**
 * Keeps the latest {@link RedeploySettings#snapshotsPerNode()} snapshots of each node (the scripts record
 * them at their commit): an older one loses its container, its archives and the volumes that only it
 * still used.
 */
final class Snapshots {

	private static final Logger logger = LoggerFactory.getLogger(Snapshots.class);

	private final RedeployTools tools;

	Snapshots(RedeployTools tools) {
		this.tools = tools;
	}

	/** Removes the node's snapshots beyond the latest few; {@code current} is the node's configuration now. */
	void prune(long nodeId, NodeConfig current) {
		List<Snapshot> all = this.tools.snapshots().findByNode(nodeId);
		int keep = this.tools.settings().snapshotsPerNode();
		if (all.size() <= keep) {
			return;
		}
		List<Snapshot> retained = all.subList(0, keep);
		for (Snapshot old : all.subList(keep, all.size())) {
			prune(old, current, retained);
		}
	}

	/** Forgets a snapshot whose container has become the node's own again (its archives go too). */
	void consumed(Snapshot snapshot) {
		this.tools.snapshots().delete(snapshot.id());
		this.tools.archives().delete(snapshot.operationId(), snapshot.nodeId());
	}

	private void prune(Snapshot old, NodeConfig current, List<Snapshot> retained) {
		logger.info("Node {}: removing snapshot {} (container {}), older than the latest {}", old.nodeId(), old.id(),
				old.containerId(), retained.size());
		this.tools.runtime().removeContainer(old.containerId());
		String volumeSet = old.config().volumeSet();
		boolean stillUsed = current.volumeSet().equals(volumeSet)
				|| retained.stream().anyMatch((kept) -> kept.config().volumeSet().equals(volumeSet));
		if (!stillUsed) {
			removeVolumes(this.tools, old.envName(), old.nodeId(), old.config());
		}
		this.tools.archives().delete(old.operationId(), old.nodeId());
		this.tools.snapshots().delete(old.id());
	}

	/** Removes the named volumes of a configuration's volume set. */
	static void removeVolumes(RedeployTools tools, String envName, long nodeId, NodeConfig config) {
		for (String path : config.volumes()) {
			tools.runtime().removeVolume(NodeContainers.volumeName(envName, nodeId, path, config.volumeSet()));
		}
	}

}
