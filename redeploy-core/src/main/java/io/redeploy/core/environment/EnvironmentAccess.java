package io.redeploy.core.environment;

import java.util.List;

import io.redeploy.core.AccessDeniedException;
import io.redeploy.core.NotFoundException;
import io.redeploy.core.access.Caller;

/** Loads what a caller names and checks that it is theirs, before anything is changed. */
public final class EnvironmentAccess {

	private final EnvironmentRepository repository;

	public EnvironmentAccess(EnvironmentRepository repository) {
		this.repository = repository;
	}

	/** The caller's environment of that name. */
	public Environment environment(Caller caller, String envName) {
		Environment.requireValidName(envName);
		Environment environment = this.repository.find(envName)
			.orElseThrow(() -> new NotFoundException("Environment '" + envName + "' does not exist"));
		if (!caller.mayAccess(environment.owner())) {
			throw new AccessDeniedException("Environment '" + envName + "' belongs to another user");
		}
		return environment;
	}

	/** The nodes of the environment that the selector names; never empty. */
	public List<Node> nodes(Environment environment, NodeSelector selector) {
		if (selector.nodeId().isPresent()) {
			long nodeId = selector.nodeId().get();
			Node node = this.repository.findNode(nodeId)
				.orElseThrow(() -> new NotFoundException("Node " + nodeId + " does not exist"));
			if (!node.envName().equals(environment.name())) {
				throw new NotFoundException("Node " + nodeId + " is not in environment '" + environment.name() + "'");
			}
			return List.of(node);
		}
		List<Node> nodes = this.repository.nodes(environment.name()).stream().filter(selector::matches).toList();
		if (nodes.isEmpty()) {
			throw new NotFoundException(
					"Environment '" + environment.name() + "' has no node group '" + selector.nodeGroup().get() + "'");
		}
		return nodes;
	}

}
