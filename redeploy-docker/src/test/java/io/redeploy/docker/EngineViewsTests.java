package io.redeploy.docker;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import io.redeploy.core.runtime.ContainerState;
import io.redeploy.core.runtime.ContainerState.PublishedPort;
import io.redeploy.core.runtime.ImageInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON is trimmed from what Docker 20.10 answers. */
class EngineViewsTests {

	private static final ObjectMapper JSON = DefaultDockerClientConfig.createDefaultConfigBuilder()
		.build()
		.getObjectMapper();

	@Test
	void runningContainerWithHealthCheckAndPublishedPorts() throws Exception {
		ContainerState state = EngineViews.container(JSON.readValue("""
				{"Id": "abc123", "Name": "/shop-web",
				 "State": {"Status": "running", "Running": true, "ExitCode": 0,
				           "Health": {"Status": "healthy", "FailingStreak": 0}},
				 "Config": {"Image": "shop/web:2.0", "Labels": {"owner": "redeploy"}},
				 "NetworkSettings": {"Ports": {
				     "8080/tcp": [{"HostIp": "0.0.0.0", "HostPort": "32768"}, {"HostIp": "::", "HostPort": "32768"}],
				     "53/udp": [{"HostIp": "0.0.0.0", "HostPort": "32769"}],
				     "9000/tcp": null}}}
				""", InspectContainerResponse.class));

		assertThat(state.id()).isEqualTo("abc123");
		assertThat(state.name()).isEqualTo("shop-web");
		assertThat(state.image()).isEqualTo("shop/web:2.0");
		assertThat(state.running()).isTrue();
		assertThat(state.status()).isEqualTo("running");
		assertThat(state.health()).contains("healthy");
		assertThat(state.labels()).containsEntry("owner", "redeploy");
		assertThat(state.publishedPorts()).containsExactly(new PublishedPort(53, "udp", "0.0.0.0", 32769),
				new PublishedPort(8080, "tcp", "0.0.0.0", 32768), new PublishedPort(8080, "tcp", "::", 32768));
	}

	@Test
	void exitedContainerWithoutHealthCheckOrLabels() throws Exception {
		ContainerState state = EngineViews.container(JSON.readValue("""
				{"Id": "abc123", "Name": "/shop-web",
				 "State": {"Status": "exited", "Running": false, "ExitCode": 3},
				 "Config": {"Image": "shop/web:2.0"},
				 "NetworkSettings": {"Ports": {}}}
				""", InspectContainerResponse.class));

		assertThat(state.running()).isFalse();
		assertThat(state.exitCode()).isEqualTo(3);
		assertThat(state.health()).isEmpty();
		assertThat(state.labels()).isEmpty();
		assertThat(state.publishedPorts()).isEmpty();
	}

	@Test
	void imageConfigIsMapped() throws Exception {
		ImageInfo image = EngineViews.image(JSON.readValue("""
				{"Id": "sha256:abc",
				 "Config": {"Env": ["PATH=/bin", "APP_VERSION=2"], "Cmd": ["serve"], "Entrypoint": ["/entry.sh"],
				            "User": "app", "WorkingDir": "/srv", "ExposedPorts": {"8080/tcp": {}, "53/udp": {}},
				            "Healthcheck": {"Test": ["CMD-SHELL", "wget -q localhost:8080"]}}}
				""", InspectImageResponse.class));

		assertThat(image).isEqualTo(new ImageInfo("sha256:abc", List.of("PATH=/bin", "APP_VERSION=2"),
				List.of("serve"), List.of("/entry.sh"), "app", "/srv",
				List.of("53/udp", "8080/tcp"), true));
	}

	@Test
	void healthCheckSwitchedOffOrAbsentIsNone() throws Exception {
		ImageInfo none = EngineViews.image(JSON.readValue("""
				{"Id": "sha256:abc", "Config": {"Healthcheck": {"Test": ["NONE"]}}}
				""", InspectImageResponse.class));
		ImageInfo absent = EngineViews.image(JSON.readValue("""
				{"Id": "sha256:abc", "Config": {}}
				""", InspectImageResponse.class));

		assertThat(none.hasHealthcheck()).isFalse();
		assertThat(absent.hasHealthcheck()).isFalse();
		assertThat(absent.env()).isEmpty();
		assertThat(absent.cmd()).isEmpty();
		assertThat(absent.user()).isEmpty();
		assertThat(absent.exposedPorts()).isEmpty();
	}

}
