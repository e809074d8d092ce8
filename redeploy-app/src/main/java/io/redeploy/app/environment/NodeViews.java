package io.redeploy.app.environment;

import java.util.List;
import java.util.Optional;

import io.redeploy.api.EnvView;
import io.redeploy.api.NodeView;
import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.EnvironmentService.EnvironmentDetails;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.core.runtime.ContainerState;

/** Maps the core's environments and nodes to the API's views. */
public final class NodeViews {

	private NodeViews() {
	}

	static EnvView env(Environment environment) {
		return new EnvView(environment.name(), environment.name(), environment.status().name(), environment.owner(),
				environment.createdAt());
	}

	public static List<NodeView> nodes(EnvironmentDetails details) {
		return details.nodes().stream().map((node) -> node(node.node(), node.container())).toList();
	}

	static NodeView node(Node node, Optional<ContainerState> container) {
		List<NodeView.PortView> ports = container.map(ContainerState::publishedPorts)
			.orElse(List.of())
			.stream()
			.map((port) -> new NodeView.PortView(port.containerPort(), port.protocol(), port.hostPort()))
			.distinct() // the engine reports a binding once per address family
			.toList();
		return new NodeView(node.id(), node.nodeGroup(), node.image().repository(), node.image().tag(),
				node.status().name(), container.map(ContainerState::running).orElse(false),
				NodeContainers.containerName(node.envName(), node.id()), node.containerId(), NodeContainers.hostname(node),
				ports, custom(node.config()));
	}

	private static NodeView.Custom custom(NodeConfig config) {
		List<String> ports = config.ports()
			.stream()
			.map((port) -> ((port.hostPort() > 0) ? port.hostPort() + ":" : "") + port.containerPort() + "/" + port.protocol())
			.toList();
		List<String> links = config.links().stream().map((link) -> link.nodeGroup() + ":" + link.alias()).toList();
		return new NodeView.Custom(config.env(), config.cmd(), config.entrypoint(), ports, config.volumes(), links,
				config.hostname(), config.memoryMb());
	}

}
