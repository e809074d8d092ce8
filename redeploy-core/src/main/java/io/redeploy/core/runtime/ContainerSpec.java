package io.redeploy.core.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to create a container. {@code cmd} and {@code entrypoint} are empty to keep the
 * image's own; {@code memoryBytes} is 0 for no limit.
 */
public record ContainerSpec(String name, ImageRef image, String hostname, Map<String, String> env, List<String> cmd,
		List<String> entrypoint, List<PortBinding> ports, List<VolumeMount> volumes, String network,
		List<String> networkAliases, List<ContainerLink> links, long memoryBytes, Map<String, String> labels) {

	public ContainerSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(network, "network");
		env = Map.copyOf(env);
		cmd = List.copyOf(cmd);
		entrypoint = List.copyOf(entrypoint);
		ports = List.copyOf(ports);
		volumes = List.copyOf(volumes);
		networkAliases = List.copyOf(networkAliases);
		links = List.copyOf(links);
		labels = Map.copyOf(labels);
	}

	/** A port of the container published on the host; {@code hostPort} 0 lets the engine choose. */
	public record PortBinding(int containerPort, int hostPort, String protocol) {
	}

	/** A named volume mounted at a path inside the container. */
	public record VolumeMount(String volumeName, String containerPath) {
	}

	/** A legacy link: the container named {@code containerName} is reachable as {@code alias}. */
	public record ContainerLink(String containerName, String alias) {
	}

}
