package io.redeploy.core.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.redeploy.core.runtime.ContainerSpec;
import io.redeploy.core.runtime.ContainerSpec.ContainerLink;
import io.redeploy.core.runtime.ContainerSpec.PortBinding;
import io.redeploy.core.runtime.ContainerSpec.VolumeMount;
import io.redeploy.core.runtime.ImageRef;

/**
 * Names, labels and container specifications of the Docker objects that back an environment. Every
 * object carries {@link #LABEL_MANAGED} so the service can find and clean up its own.
 */
public final class NodeContainers {

	public static final String LABEL_MANAGED = "io.redeploy.managed";

	public static final String LABEL_ENVIRONMENT = "io.redeploy.environment";

	public static final String LABEL_NODE = "io.redeploy.node";

	public static final String LABEL_NODE_GROUP = "io.redeploy.node-group";

	public static final String LABEL_OWNER = "io.redeploy.owner";

	public static final String LABEL_VOLUME_PATH = "io.redeploy.volume-path";

	private static final String TEMPORARY_INFIX = "-new-";

	private NodeContainers() {
	}

	public static String containerName(String envName, long nodeId) {
		return envName + "-node" + nodeId;
	}

	/**
	 * The name a node's new container has while it is made beside the running old one, until it takes the
	 * node's own name: {@code <container name>-new-<first 8 characters of the operation id>}.
	 */
	public static String temporaryName(String containerName, String operationId) {
		return containerName + TEMPORARY_INFIX + operationId.substring(0, Math.min(8, operationId.length()));
	}

	public static String networkName(String envName) {
		return "redeploy-" + envName;
	}

	public static String hostname(Node node) {
		return node.config().hostname().isEmpty() ? "node" + node.id() + "-" + node.envName() : node.config().hostname();
	}

	/** A named volume per node and container path, e.g. {@code redeploy-shop-node12-var_www}. */
	public static String volumeName(String envName, long nodeId, String containerPath) {
		return volumeName(envName, nodeId, containerPath, "");
	}

	/**
	 * The named volume of a node's container path in a volume set ({@link NodeConfig#volumeSet()}): the
	 * first set ("") has the plain name, a later one the set as suffix, e.g. {@code redeploy-shop-node12-var_www-v1a2b3c4d}.
	 */
	public static String volumeName(String envName, long nodeId, String containerPath, String volumeSet) {
		String slug = containerPath.replaceAll("^/+|/+$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
		String name = "redeploy-" + envName + "-node" + nodeId + "-" + slug;
		name = (name.length() > 200) ? name.substring(0, 200) + "-" + Integer.toHexString(containerPath.hashCode()) : name;
		return volumeSet.isEmpty() ? name : name + "-" + volumeSet;
	}

	public static Map<String, String> environmentLabels(Environment environment) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(LABEL_MANAGED, "true");
		labels.put(LABEL_ENVIRONMENT, environment.name());
		labels.put(LABEL_OWNER, environment.owner());
		return labels;
	}

	public static Map<String, String> nodeLabels(Environment environment, Node node) {
		Map<String, String> labels = environmentLabels(environment);
		labels.put(LABEL_NODE, Long.toString(node.id()));
		labels.put(LABEL_NODE_GROUP, node.nodeGroup());
		return labels;
	}

	public static Map<String, String> volumeLabels(Environment environment, Node node, String containerPath) {
		Map<String, String> labels = nodeLabels(environment, node);
		labels.put(LABEL_VOLUME_PATH, containerPath);
		return labels;
	}

	/**
	 * The container for {@code node} running {@code image}, with the node's own configuration applied:
	 * its env vars, run command and entrypoint overrides, ports, volumes, memory limit, host name, and
	 * links to the first node of each linked group. The node is also reachable on the environment's
	 * network by its host name and its node group's name.
	 */
	public static ContainerSpec spec(Environment environment, Node node, ImageRef image, String containerName,
			List<Node> environmentNodes) {
		NodeConfig config = node.config();
		List<PortBinding> ports = config.ports()
			.stream()
			.map((port) -> new PortBinding(port.containerPort(), port.hostPort(), port.protocol()))
			.toList();
		List<VolumeMount> volumes = config.volumes()
			.stream()
			.map((path) -> new VolumeMount(volumeName(environment.name(), node.id(), path, config.volumeSet()), path))
			.toList();
		List<ContainerLink> links = new ArrayList<>();
		for (NodeConfig.Link link : config.links()) {
			environmentNodes.stream()
				.filter((candidate) -> candidate.nodeGroup().equals(link.nodeGroup()))
				.findFirst()
				.ifPresent((target) -> links.add(new ContainerLink(containerName(environment.name(), target.id()), link.alias())));
		}
		String hostname = hostname(node);
		return new ContainerSpec(containerName, image, hostname, config.env(), config.cmd(), config.entrypoint(), ports,
				volumes, networkName(environment.name()), List.of(hostname, node.nodeGroup()), links,
				config.memoryMb() * 1024 * 1024, nodeLabels(environment, node));
	}

}
