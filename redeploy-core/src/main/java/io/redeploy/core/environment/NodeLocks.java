package io.redeploy.core.environment;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.redeploy.core.ConflictException;

/**
 * Keeps two changes of the same node from interleaving: the second is refused with a conflict at
 * once, rather than queued, so that a caller never waits on someone else's redeploy.
 */
public class NodeLocks {

	private final ConcurrentMap<Long, String> held = new ConcurrentHashMap<>();

	/** Runs {@code action} holding every node's lock, or refuses when any of them is busy. */
	public void runLocked(List<Node> nodes, String activity, Runnable action) {
		List<Long> ids = nodes.stream().map(Node::id).distinct().sorted(Comparator.naturalOrder()).toList();
		int acquired = 0;
		try {
			for (Long id : ids) {
				String current = this.held.putIfAbsent(id, activity);
				if (current != null) {
					throw busy(id, current);
				}
				acquired++;
			}
			action.run();
		}
		finally {
			ids.subList(0, acquired).forEach(this.held::remove);
		}
	}

	/** Whether a node is being changed right now. */
	public boolean isBusy(long nodeId) {
		return this.held.containsKey(nodeId);
	}

	/** Refuses, as {@link #runLocked} would, when any of the nodes is being changed right now. */
	public void requireIdle(List<Node> nodes) {
		for (Node node : nodes) {
			String current = this.held.get(node.id());
			if (current != null) {
				throw busy(node.id(), current);
			}
		}
	}

	private static ConflictException busy(long nodeId, String activity) {
		return new ConflictException("Node " + nodeId + " is busy (" + activity + "); try again when it has finished");
	}

}
