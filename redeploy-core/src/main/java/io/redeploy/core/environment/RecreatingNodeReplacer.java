package io.redeploy.core.environment;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a node's container by a fresh one from the same image with the changed configuration.
 * The old container is stopped and set aside, and only removed once the new one runs; on failure it
 * is put back. Named volumes survive; the rest of the old container's file system does not (the
 * redeploy engine's replacer preserves it).
 */
public class RecreatingNodeReplacer implements NodeReplacer {

	private static final Logger logger = LoggerFactory.getLogger(RecreatingNodeReplacer.class);

	private final EnvironmentRepository repository;

	private final NodeProvisioner provisioner;

	public RecreatingNodeReplacer(EnvironmentRepository repository, NodeProvisioner provisioner) {
		this.repository = repository;
		this.provisioner = provisioner;
	}

	@Override
	public Node replace(Environment environment, Node changed) {
		String name = NodeContainers.containerName(environment.name(), changed.id());
		String oldContainer = changed.containerId();
		List<Node> nodes = this.repository.nodes(environment.name());
		this.provisioner.stop(oldContainer);
		this.provisioner.runtime().renameContainer(oldContainer, name + "-replaced");
		String newContainer = "";
		try {
			newContainer = this.provisioner.create(environment, changed, changed.image(), name, nodes);
			this.provisioner.runtime().startContainer(newContainer);
		}
		catch (RuntimeException ex) {
			logger.warn("Replacing the container of node {} failed, putting the old one back: {}", changed.id(), ex.getMessage());
			this.provisioner.removeContainer(newContainer);
			this.provisioner.runtime().renameContainer(oldContainer, name);
			this.provisioner.runtime().startContainer(oldContainer);
			throw ex;
		}
		Node running = changed.withContainer(newContainer, NodeStatus.RUNNING);
		this.repository.updateNode(running);
		this.provisioner.removeContainer(oldContainer);
		return running;
	}

}
