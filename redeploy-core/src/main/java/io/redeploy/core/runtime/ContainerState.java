package io.redeploy.core.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container as the engine reports it. {@code health} is empty when the image declares no health
 * check, else {@code starting}, {@code healthy} or {@code unhealthy}.
 */
public record ContainerState(String id, String name, String image, boolean running, int exitCode, String status,
		Optional<String> health, Map<String, String> labels, List<PublishedPort> publishedPorts) {

	public ContainerState {
		labels = Map.copyOf(labels);
		publishedPorts = List.copyOf(publishedPorts);
	}

	/** A container port bound to a host port. */
	public record PublishedPort(int containerPort, String protocol, String hostIp, int hostPort) {
	}

}
