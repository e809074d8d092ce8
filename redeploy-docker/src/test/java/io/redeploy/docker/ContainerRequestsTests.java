package io.redeploy.docker;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ContainerSpec;
import io.redeploy.core.runtime.ContainerSpec.ContainerLink;
import io.redeploy.core.runtime.ContainerSpec.PortBinding;
import io.redeploy.core.runtime.ContainerSpec.VolumeMount;
import io.redeploy.core.runtime.ImageRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.groups.Tuple.tuple;

class ContainerRequestsTests {

	private static final ImageRef IMAGE = ImageRef.parse("shop/web:2.0");

	@Test
	void specIsMappedToCreateCommand() {
		ContainerSpec spec = new ContainerSpec("web", IMAGE, "web-host", Map.of("B", "2", "A", "1"), List.of("serve"),
				List.of("/entry.sh"), List.of(new PortBinding(80, 8080, "tcp"), new PortBinding(53, 0, "udp")),
				List.of(new VolumeMount("web-data", "/data")), "shop", List.of("www"),
				List.of(new ContainerLink("shop-db", "db")), 256L * 1024 * 1024, Map.of("owner", "redeploy"));

		CreateContainerCmd create = ContainerRequests.apply(spec, command());

		assertThat(create.getName()).isEqualTo("web");
		assertThat(create.getHostName()).isEqualTo("web-host");
		assertThat(create.getEnv()).containsExactly("A=1", "B=2");
		assertThat(create.getCmd()).containsExactly("serve");
		assertThat(create.getEntrypoint()).containsExactly("/entry.sh");
		assertThat(create.getExposedPorts()).containsExactlyInAnyOrder(ExposedPort.tcp(80), ExposedPort.udp(53));
		assertThat(create.getAliases()).containsExactly("www");
		assertThat(create.getLabels()).containsEntry("owner", "redeploy");
		HostConfig host = create.getHostConfig();
		assertThat(host.getNetworkMode()).isEqualTo("shop");
		assertThat(host.getMemory()).isEqualTo(256L * 1024 * 1024);
		assertThat(host.getLinks()).containsExactly(new Link("shop-db", "db"));
		assertThat(host.getBinds()).extracting(Bind::getPath, (bind) -> bind.getVolume().getPath())
			.containsExactly(tuple("web-data", "/data"));
		Map<ExposedPort, Ports.Binding[]> bindings = host.getPortBindings().getBindings();
		assertThat(bindings.get(ExposedPort.tcp(80))).containsExactly(Ports.Binding.bindPort(8080));
		assertThat(bindings.get(ExposedPort.udp(53))).containsExactly(Ports.Binding.empty());
	}

	@Test
	void emptyCommandAndEntrypointKeepTheImagesOwn() {
		ContainerSpec spec = new ContainerSpec("web", IMAGE, "", Map.of(), List.of(), List.of(), List.of(), List.of(),
				"bridge", List.of(), List.of(), 0, Map.of());

		CreateContainerCmd create = ContainerRequests.apply(spec, command());

		assertThat(create.getCmd()).isNull();
		assertThat(create.getEntrypoint()).isNull();
		assertThat(create.getHostName()).isNull();
		assertThat(create.getAliases()).isNull();
		assertThat(create.getHostConfig().getMemory()).isNull();
	}

	@Test
	void unknownProtocolIsRefused() {
		ContainerSpec spec = new ContainerSpec("web", IMAGE, "", Map.of(), List.of(), List.of(),
				List.of(new PortBinding(80, 0, "http")), List.of(), "bridge", List.of(), List.of(), 0, Map.of());

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> ContainerRequests.apply(spec, command()))
			.withMessageContaining("http");
	}

	private static CreateContainerCmd command() {
		// Never executed: the tests only read back what the mapping set.
		return new CreateContainerCmdImpl((cmd) -> null, null, IMAGE.toString());
	}

}
