package io.redeploy.docker;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ContainerSpec;

/** Turns a {@link ContainerSpec} into docker-java's create command. */
final class ContainerRequests {

	private ContainerRequests() {
	}

	static CreateContainerCmd apply(ContainerSpec spec, CreateContainerCmd create) {
		HostConfig host = HostConfig.newHostConfig()
			.withNetworkMode(spec.network())
			.withPortBindings(spec.ports().stream().map(ContainerRequests::portBinding).toList())
			.withBinds(spec.volumes().stream().map(ContainerRequests::bind).toList())
			// On a user-defined network docker-java copies these links into the network's endpoint
			// settings, next to the aliases, which is where the engine resolves them (API 1.41).
			.withLinks(spec.links().stream().map((link) -> new Link(link.containerName(), link.alias())).toList());
		if (spec.memoryBytes() > 0) {
			host.withMemory(spec.memoryBytes());
		}
		create.withName(spec.name())
			.withImage(spec.image().toString())
			.withEnv(env(spec.env()))
			.withLabels(spec.labels())
			.withExposedPorts(spec.ports().stream().map(ContainerRequests::exposedPort).distinct().toList())
			.withHostConfig(host);
		if (spec.hostname() != null && !spec.hostname().isBlank()) {
			create.withHostName(spec.hostname());
		}
		if (!spec.networkAliases().isEmpty()) {
			create.withAliases(spec.networkAliases());
		}
		// An empty list keeps the image's own; an empty array sent to the engine would erase it.
		if (!spec.cmd().isEmpty()) {
			create.withCmd(spec.cmd());
		}
		if (!spec.entrypoint().isEmpty()) {
			create.withEntrypoint(spec.entrypoint());
		}
		return create;
	}

	static List<String> env(Map<String, String> env) {
		return new TreeMap<>(env).entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList();
	}

	static ExposedPort exposedPort(ContainerSpec.PortBinding port) {
		return new ExposedPort(port.containerPort(), protocol(port.protocol()));
	}

	private static PortBinding portBinding(ContainerSpec.PortBinding port) {
		// An empty binding, not port 0, is how the API asks the engine to choose a free host port.
		Ports.Binding host = (port.hostPort() == 0) ? Ports.Binding.empty() : Ports.Binding.bindPort(port.hostPort());
		return new PortBinding(host, exposedPort(port));
	}

	private static Bind bind(ContainerSpec.VolumeMount mount) {
		return new Bind(mount.volumeName(), new Volume(mount.containerPath()));
	}

	private static InternetProtocol protocol(String protocol) {
		String name = (protocol == null || protocol.isBlank()) ? "tcp" : protocol.trim().toLowerCase(Locale.ROOT);
		return switch (name) {
			case "tcp" -> InternetProtocol.TCP;
			case "udp" -> InternetProtocol.UDP;
			default -> throw new ContainerRuntimeException("Unsupported port protocol: " + protocol);
		};
	}

}
