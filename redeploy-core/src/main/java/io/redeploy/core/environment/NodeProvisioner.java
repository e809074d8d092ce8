package io.redeploy.core.environment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.redeploy.core.runtime.ContainerPathNotFoundException;
import io.redeploy.core.runtime.ContainerRuntime;
import io.redeploy.core.runtime.ContainerSpec;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryCredentials;

/** Creates, starts and removes the containers, volumes and networks that back nodes. */
public class NodeProvisioner {

	/** The file listing what a redeploy preserves. */
	public static final String REDEPLOY_CONF = "/etc/jelastic/redeploy.conf";

	/** The platform's own directory inside every container, preserved whole on redeploy. */
	public static final String PLATFORM_DIR = "/var/lib/jelastic";

	static final String DEFAULT_REDEPLOY_CONF = """
			# Files and directories kept when this container is redeployed to a new image tag.
			# One absolute path per line; add "backup" after a file to keep its previous version as <file>.backup.
			/etc/jelastic/redeploy.conf
			${home}/.bash_profile
			/etc/sysconfig/iptables
			/etc/sysconfig/iptables-custom
			/var/lib/jelastic/keys
			""";

	private final ContainerRuntime runtime;

	private final Duration stopTimeout;

	public NodeProvisioner(ContainerRuntime runtime, Duration stopTimeout) {
		this.runtime = runtime;
		this.stopTimeout = stopTimeout;
	}

	public ContainerRuntime runtime() {
		return this.runtime;
	}

	public Duration stopTimeout() {
		return this.stopTimeout;
	}

	/** Pulls the image unless the engine already has it. */
	public void ensureImage(ImageRef image, Optional<RegistryCredentials> credentials) {
		if (!this.runtime.imageExists(image)) {
			this.runtime.pullImage(image, credentials);
		}
	}

	public void createNetwork(Environment environment) {
		this.runtime.createNetwork(NodeContainers.networkName(environment.name()),
				NodeContainers.environmentLabels(environment));
	}

	/**
	 * Creates the node's volumes (existing ones are reused) and a container for it, without starting
	 * it, and gives it the platform directory and a default redeploy.conf if the image ships none.
	 */
	public String create(Environment environment, Node node, ImageRef image, String containerName,
			List<Node> environmentNodes) {
		for (String path : node.config().volumes()) {
			this.runtime.createVolume(NodeContainers.volumeName(environment.name(), node.id(), path, node.config().volumeSet()),
					NodeContainers.volumeLabels(environment, node, path));
		}
		ContainerSpec spec = NodeContainers.spec(environment, node, image, containerName, environmentNodes);
		String containerId = this.runtime.createContainer(spec);
		writePlatformFiles(containerId, node);
		return containerId;
	}

	/** Stops and removes a node's container (its volumes are kept); a missing one is ignored. */
	public void removeContainer(String containerId) {
		if (!containerId.isEmpty()) {
			this.runtime.removeContainer(containerId);
		}
	}

	public void stop(String containerId) {
		this.runtime.stopContainer(containerId, this.stopTimeout);
	}

	/** Removes every container, volume and the network of an environment, found by their labels. */
	public void removeAll(Environment environment) {
		var labels = java.util.Map.of(NodeContainers.LABEL_ENVIRONMENT, environment.name(),
				NodeContainers.LABEL_MANAGED, "true");
		this.runtime.listContainers(labels).forEach((container) -> this.runtime.removeContainer(container.id()));
		this.runtime.listVolumes(labels).forEach(this.runtime::removeVolume);
		this.runtime.removeNetwork(NodeContainers.networkName(environment.name()));
	}

	private void writePlatformFiles(String containerId, Node node) {
		String identity = "NODE_ID=" + node.id() + "\nENV_NAME=" + node.envName() + "\nNODE_GROUP=" + node.nodeGroup() + "\n";
		this.runtime.writeFile(containerId, PLATFORM_DIR + "/node.properties", identity.getBytes(StandardCharsets.UTF_8));
		if (!exists(containerId, REDEPLOY_CONF)) {
			this.runtime.writeFile(containerId, REDEPLOY_CONF, DEFAULT_REDEPLOY_CONF.getBytes(StandardCharsets.UTF_8));
		}
	}

	private boolean exists(String containerId, String path) {
		try {
			this.runtime.readFile(containerId, path, 1024 * 1024);
			return true;
		}
		catch (ContainerPathNotFoundException ex) {
			return false;
		}
	}

}
