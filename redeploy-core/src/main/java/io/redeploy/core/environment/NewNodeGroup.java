package io.redeploy.core.environment;

import java.util.Objects;

import io.redeploy.core.InvalidInputException;
import io.redeploy.core.runtime.ImageRef;

/** A layer to create: {@code count} nodes of one image sharing one configuration. */
public record NewNodeGroup(String nodeGroup, int count, ImageRef image, NodeConfig config) {

	public static final int MAX_NODES = 50;

	public NewNodeGroup {
		NodeGroups.requireValidName(nodeGroup);
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(config, "config");
		if (count < 1 || count > MAX_NODES) {
			throw new InvalidInputException("count of " + nodeGroup + " must be between 1 and " + MAX_NODES);
		}
		if (count > 1 && !config.hostname().isEmpty()) {
			throw new InvalidInputException("a hostname can only be set on a node group of one node");
		}
	}

}
