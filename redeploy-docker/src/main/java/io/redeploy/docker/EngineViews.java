package io.redeploy.docker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.NetworkSettings;
import com.github.dockerjava.api.model.Ports;
import io.redeploy.core.runtime.ContainerState;
import io.redeploy.core.runtime.ContainerState.PublishedPort;
import io.redeploy.core.runtime.ImageInfo;

/** Maps the engine's inspect responses, where any field may be null, to the core's records. */
final class EngineViews {

	private EngineViews() {
	}

	static ContainerState container(InspectContainerResponse inspect) {
		InspectContainerResponse.ContainerState state = inspect.getState();
		ContainerConfig config = inspect.getConfig();
		return new ContainerState(inspect.getId(), name(inspect.getName()), (config != null) ? config.getImage() : "",
				Boolean.TRUE.equals(state.getRunning()),
				(state.getExitCodeLong() != null) ? state.getExitCodeLong().intValue() : 0,
				String.valueOf(state.getStatus()),
				Optional.ofNullable(state.getHealth()).map(HealthState::getStatus),
				(config != null && config.getLabels() != null) ? config.getLabels() : Map.of(),
				publishedPorts(inspect.getNetworkSettings()));
	}

	static ImageInfo image(InspectImageResponse inspect) {
		ContainerConfig config = inspect.getConfig();
		if (config == null) {
			return new ImageInfo(inspect.getId(), List.of(), List.of(), List.of(), "", "", List.of(), false);
		}
		return new ImageInfo(inspect.getId(), list(config.getEnv()), list(config.getCmd()), list(config.getEntrypoint()),
				config.getUser(), config.getWorkingDir(),
				(config.getExposedPorts() != null)
						? Arrays.stream(config.getExposedPorts()).map(ExposedPort::toString).sorted().toList() : List.of(),
				hasHealthcheck(config.getHealthcheck()));
	}

	// The engine names containers with a leading slash, as if they were paths.
	private static String name(String name) {
		return (name != null && name.startsWith("/")) ? name.substring(1) : String.valueOf(name);
	}

	// A stopped container has no bindings; the engine lists each host address (0.0.0.0, ::) apart.
	private static List<PublishedPort> publishedPorts(NetworkSettings network) {
		if (network == null || network.getPorts() == null) {
			return List.of();
		}
		List<PublishedPort> published = new ArrayList<>();
		network.getPorts().getBindings().forEach((exposed, bindings) -> {
			for (Ports.Binding binding : (bindings != null) ? bindings : new Ports.Binding[0]) {
				// A range ("8000-8010") is only ever bound by hand; it has no single host port to report.
				if (binding.getHostPortSpec() != null && binding.getHostPortSpec().matches("\\d+")) {
					published.add(new PublishedPort(exposed.getPort(), exposed.getProtocol().toString(),
							String.valueOf(binding.getHostIp()), Integer.parseInt(binding.getHostPortSpec())));
				}
			}
		});
		published.sort(Comparator.comparingInt(PublishedPort::containerPort)
			.thenComparing(PublishedPort::protocol)
			.thenComparing(PublishedPort::hostIp));
		return published;
	}

	// "NONE" is how an image switches off a health check inherited from its base.
	private static boolean hasHealthcheck(HealthCheck healthcheck) {
		return healthcheck != null && healthcheck.getTest() != null && !healthcheck.getTest().isEmpty()
				&& !"NONE".equals(healthcheck.getTest().get(0));
	}

	private static List<String> list(String[] values) {
		return (values != null) ? List.of(values) : List.of();
	}

}
