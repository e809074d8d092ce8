package io.redeploy.core.environment;

import java.util.Optional;

import io.redeploy.core.InvalidInputException;

/** Which nodes of an environment a call targets: one node by id, or a whole node group. The id wins. */
public record NodeSelector(Optional<Long> nodeId, Optional<String> nodeGroup) {

	public NodeSelector {
		if (nodeId.isEmpty() && nodeGroup.isEmpty()) {
			throw new InvalidInputException("Either nodeId or nodeGroup is required");
		}
		nodeGroup = nodeId.isPresent() ? Optional.empty() : nodeGroup;
		nodeGroup.ifPresent(NodeGroups::requireValidName);
	}

	public static NodeSelector of(Long nodeId, String nodeGroup) {
		return new NodeSelector(Optional.ofNullable(nodeId),
				Optional.ofNullable(nodeGroup).filter((group) -> !group.isBlank()));
	}

	/** The selector of a call's optional {@code nodeId} and {@code nodeGroup} parameters. */
	public static NodeSelector fromParameters(Optional<Long> nodeId, Optional<String> nodeGroup) {
		return of(nodeId.orElse(null), nodeGroup.orElse(null));
	}

	public static NodeSelector node(long nodeId) {
		return new NodeSelector(Optional.of(nodeId), Optional.empty());
	}

	public static NodeSelector group(String nodeGroup) {
		return new NodeSelector(Optional.empty(), Optional.of(nodeGroup));
	}

	boolean matches(Node node) {
		return this.nodeId.map((id) -> id == node.id()).orElseGet(() -> this.nodeGroup.get().equals(node.nodeGroup()));
	}

	@Override
	public String toString() {
		return this.nodeId.map((id) -> "node " + id).orElseGet(() -> "node group " + this.nodeGroup.get());
	}

}
