package io.redeploy.core.redeploy;

import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeReplacer;

/**
 * Puts a node's changed configuration (env vars, run config) into effect the way a redeploy to its own
 * image does, so that the platform directory and redeploy.conf paths survive the new container; the old
 * container is kept as a snapshot. A failure rolls the node back and throws {@link NodeRedeployException}.
 */
public class RedeployingNodeReplacer implements NodeReplacer {

	private final RedeployService service;

	public RedeployingNodeReplacer(RedeployService service) {
		this.service = service;
	}

	@Override
	public Node replace(Environment environment, Node changed) {
		return this.service.replace(environment, changed);
	}

}
