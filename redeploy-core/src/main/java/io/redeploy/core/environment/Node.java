package io.redeploy.core.environment;

import java.util.Objects;

import io.redeploy.core.runtime.ImageRef;

/**
 * A container of an environment. {@code id} is stable for the node's life whatever container
 * currently backs it; {@code config} is the user's own configuration, re-applied on every redeploy.
 */
public record Node(long id, String envName, String nodeGroup, ImageRef image, String containerId, NodeStatus status,
		NodeConfig config) {

	public Node {
		Objects.requireNonNull(envName, "envName");
		Objects.requireNonNull(nodeGroup, "nodeGroup");
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(config, "config");
		containerId = (containerId != null) ? containerId : "";
	}

	public Node withContainer(String newContainerId, NodeStatus newStatus) {
		return new Node(this.id, this.envName, this.nodeGroup, this.image, newContainerId, newStatus, this.config);
	}

	public Node withStatus(NodeStatus newStatus) {
		return new Node(this.id, this.envName, this.nodeGroup, this.image, this.containerId, newStatus, this.config);
	}

	public Node withConfig(NodeConfig newConfig) {
		return new Node(this.id, this.envName, this.nodeGroup, this.image, this.containerId, this.status, newConfig);
	}

	public Node withImage(ImageRef newImage) {
		return new Node(this.id, this.envName, this.nodeGroup, newImage, this.containerId, this.status, this.config);
	}

}
