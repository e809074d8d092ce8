package io.redeploy.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.redeploy.core.runtime.ContainerSpec;
import io.redeploy.core.runtime.ContainerSpec.ContainerLink;
import io.redeploy.core.runtime.ContainerSpec.PortBinding;
import io.redeploy.core.runtime.ContainerSpec.VolumeMount;
import io.redeploy.core.runtime.ContainerState;
import io.redeploy.core.runtime.ExecResult;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Shared by the integration tests: one runtime on the local engine, the test images, and a label
 * unique to each test so that it removes exactly what it made.
 */
abstract class EngineTestSupport {

	static final String RUN_LABEL = "io.redeploy.test.run";

	final DockerEngine runtime = TestDocker.runtime();

	final String run = UUID.randomUUID().toString().substring(0, 8);

	final Map<String, String> labels = Map.of(TestDocker.TEST_LABEL, "true", RUN_LABEL, this.run);

	@BeforeAll
	static void buildImages() {
		TestImages.ensureBuilt();
	}

	@AfterEach
	void removeWhatTheTestMade() {
		TestDocker.removeAll(Map.of(RUN_LABEL, this.run));
	}

	/** A name unique to this test. */
	String name(String suffix) {
		return "redeploy-test-" + this.run + "-" + suffix;
	}

	Spec spec(String suffix, ImageRef image) {
		return new Spec(name(suffix), image, this.labels);
	}

	/** Creates and starts a container of the given image with nothing but a name and the labels. */
	String startApp(String suffix, ImageRef image) {
		return spec(suffix, image).start(this.runtime);
	}

	ExecResult sh(String containerId, String script) {
		return this.runtime.exec(containerId, List.of("sh", "-c", script), Duration.ofSeconds(20));
	}

	ContainerState awaitState(String containerId, Predicate<ContainerState> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		ContainerState state = null;
		while (System.nanoTime() < deadline) {
			state = this.runtime.inspectContainer(containerId).orElseThrow();
			if (condition.test(state)) {
				return state;
			}
			sleep(Duration.ofMillis(100));
		}
		return fail("Container %s never reached the expected state; last: %s", containerId, state);
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static void assertSucceeded(ExecResult result) {
		assertThat(result.exitCode()).as("exit code of a command that printed %s / %s", result.stdout(), result.stderr())
			.isZero();
	}

	/** A {@link ContainerSpec} under construction, with the defaults the tests need. */
	static final class Spec {

		private final String name;

		private final ImageRef image;

		private final Map<String, String> labels;

		private String hostname = "";

		private final Map<String, String> env = new HashMap<>();

		private List<String> cmd = List.of();

		private List<String> entrypoint = List.of();

		private final List<PortBinding> ports = new ArrayList<>();

		private final List<VolumeMount> volumes = new ArrayList<>();

		private String network = "bridge";

		private List<String> aliases = List.of();

		private final List<ContainerLink> links = new ArrayList<>();

		private long memoryBytes;

		Spec(String name, ImageRef image, Map<String, String> labels) {
			this.name = name;
			this.image = image;
			this.labels = labels;
		}

		Spec hostname(String hostname) {
			this.hostname = hostname;
			return this;
		}

		Spec env(String name, String value) {
			this.env.put(name, value);
			return this;
		}

		Spec cmd(String... cmd) {
			this.cmd = List.of(cmd);
			return this;
		}

		Spec entrypoint(String... entrypoint) {
			this.entrypoint = List.of(entrypoint);
			return this;
		}

		Spec port(int containerPort, int hostPort, String protocol) {
			this.ports.add(new PortBinding(containerPort, hostPort, protocol));
			return this;
		}

		Spec volume(String volumeName, String containerPath) {
			this.volumes.add(new VolumeMount(volumeName, containerPath));
			return this;
		}

		Spec network(String network, String... aliases) {
			this.network = network;
			this.aliases = List.of(aliases);
			return this;
		}

		Spec link(String containerName, String alias) {
			this.links.add(new ContainerLink(containerName, alias));
			return this;
		}

		Spec memory(long bytes) {
			this.memoryBytes = bytes;
			return this;
		}

		String name() {
			return this.name;
		}

		ContainerSpec build() {
			return new ContainerSpec(this.name, this.image, this.hostname, this.env, this.cmd, this.entrypoint,
					this.ports, this.volumes, this.network, this.aliases, this.links, this.memoryBytes, this.labels);
		}

		String create(DockerEngine runtime) {
			return runtime.createContainer(build());
		}

		String start(DockerEngine runtime) {
			String id = create(runtime);
			runtime.startContainer(id);
			return id;
		}

	}

}
