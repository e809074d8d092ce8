package io.redeploy.docker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.redeploy.core.runtime.ContainerNotFoundException;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ContainerState;
import io.redeploy.core.runtime.ContainerState.PublishedPort;
import io.redeploy.core.runtime.ImageNotFoundException;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.groups.Tuple.tuple;

class ContainerLifecycleIT extends EngineTestSupport {

	@Test
	void containerIsCreatedStartedStoppedPromptlyAndRemoved() {
		String id = spec("app", TestImages.APP_1).create(this.runtime);
		assertThat(this.runtime.inspectContainer(id)).get()
			.satisfies((state) -> assertThat(state.status()).isEqualTo("created"));

		this.runtime.startContainer(id);
		ContainerState running = this.runtime.inspectContainer(name("app")).orElseThrow();
		assertThat(running.id()).isEqualTo(id);
		assertThat(running.name()).isEqualTo(name("app"));
		assertThat(running.image()).isEqualTo(TestImages.APP_1.toString());
		assertThat(running.running()).isTrue();
		assertThat(running.status()).isEqualTo("running");
		assertThat(running.health()).isEmpty();
		assertThat(running.labels()).containsEntry(RUN_LABEL, this.run);
		assertThat(sh(id, "cat /opt/app/VERSION").stdout()).isEqualTo("1\n");

		long start = System.nanoTime();
		this.runtime.stopContainer(id, Duration.ofSeconds(20));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		ContainerState stopped = this.runtime.inspectContainer(id).orElseThrow();
		assertThat(stopped.running()).isFalse();
		assertThat(stopped.status()).isEqualTo("exited");
		assertThat(stopped.exitCode()).isZero();

		this.runtime.removeContainer(id);
		assertThat(this.runtime.inspectContainer(id)).isEmpty();
	}

	@Test
	void containerSeesSpecEnvironmentOnTopOfImageEnvironment() {
		String id = spec("env", TestImages.APP_1).env("GREETING", "hello world")
			.env("APP_VERSION", "overridden")
			.hostname("app-host")
			.start(this.runtime);

		String env = sh(id, "env").stdout();
		assertThat(env.lines()).contains("GREETING=hello world", "APP_VERSION=overridden", "IMAGE_ONLY=from-image-1");
		assertThat(sh(id, "hostname").stdout()).isEqualTo("app-host\n");
	}

	@Test
	void commandOverrideReplacesImageCommandAndPublishedPortAnswers() throws Exception {
		String id = spec("http", TestImages.APP_1).cmd("busybox", "httpd", "-f", "-p", "8080", "-h", "/opt/app")
			.port(8080, 0, "tcp")
			.port(5353, 0, "udp")
			.start(this.runtime);

		ContainerState state = this.runtime.inspectContainer(id).orElseThrow();
		assertThat(state.publishedPorts()).extracting(PublishedPort::containerPort, PublishedPort::protocol)
			.contains(tuple(8080, "tcp"), tuple(5353, "udp"));
		int hostPort = state.publishedPorts()
			.stream()
			.filter((port) -> port.containerPort() == 8080)
			.mapToInt(PublishedPort::hostPort)
			.findFirst()
			.orElseThrow();
		assertThat(hostPort).isPositive();
		assertThat(httpGet("http://127.0.0.1:" + hostPort + "/VERSION")).isEqualTo("1\n");
		assertThat(sh(id, "ps").stdout()).contains("httpd").doesNotContain("sleep");
	}

	@Test
	void entrypointOverrideRunsInsteadOfImageCommand() {
		String id = spec("entrypoint", TestImages.APP_1).entrypoint("sh", "-c", "echo from-entrypoint > /tmp/marker; exec sleep 600")
			.start(this.runtime);

		assertThat(sh(id, "cat /tmp/marker").stdout()).isEqualTo("from-entrypoint\n");
	}

	@Test
	void memoryLimitIsAppliedWhenGiven() {
		String limited = spec("limited", TestImages.APP_1).memory(64L * 1024 * 1024).create(this.runtime);
		String unlimited = spec("unlimited", TestImages.APP_1).create(this.runtime);

		assertThat(TestDocker.client().inspectContainerCmd(limited).exec().getHostConfig().getMemory())
			.isEqualTo(64L * 1024 * 1024);
		assertThat(TestDocker.client().inspectContainerCmd(unlimited).exec().getHostConfig().getMemory()).isZero();
	}

	@Test
	void containerOfBrokenImageExitsWithItsStatus() {
		String id = startApp("broken", TestImages.APP_BROKEN);

		ContainerState exited = awaitState(id, (state) -> !state.running(), Duration.ofSeconds(10));
		assertThat(exited.exitCode()).isEqualTo(3);
		assertThat(exited.status()).isEqualTo("exited");
	}

	@Test
	void healthOfImageHealthCheckIsReported() {
		String healthy = startApp("healthy", TestImages.APP_HEALTHY);
		String unhealthy = startApp("unhealthy", TestImages.APP_UNHEALTHY);

		assertThat(awaitState(healthy, (state) -> !state.health().orElseThrow().equals("starting"),
				Duration.ofSeconds(20)).health()).contains("healthy");
		assertThat(awaitState(unhealthy, (state) -> !state.health().orElseThrow().equals("starting"),
				Duration.ofSeconds(20)).health()).contains("unhealthy");
	}

	@Test
	void stoppingStoppedContainerLeavesItStopped() {
		String id = spec("stopped", TestImages.APP_1).create(this.runtime);

		this.runtime.stopContainer(id, Duration.ofSeconds(1));

		assertThat(this.runtime.inspectContainer(id).orElseThrow().status()).isEqualTo("created");
	}

	@Test
	void missingContainerIsEmptyOnInspectIgnoredOnRemoveAndNotFoundOnStart() {
		String missing = name("missing");

		assertThat(this.runtime.inspectContainer(missing)).isEmpty();
		this.runtime.removeContainer(missing);
		assertThatExceptionOfType(ContainerNotFoundException.class)
			.isThrownBy(() -> this.runtime.startContainer(missing))
			.satisfies((ex) -> assertThat(ex.container()).isEqualTo(missing));
		assertThatExceptionOfType(ContainerNotFoundException.class)
			.isThrownBy(() -> this.runtime.stopContainer(missing, Duration.ofSeconds(1)));
	}

	@Test
	void creatingContainerOfMissingImageThrowsImageNotFound() {
		ImageRef missing = new ImageRef("redeploy-test/app", "no-such-tag");

		assertThatExceptionOfType(ImageNotFoundException.class)
			.isThrownBy(() -> spec("missing-image", missing).create(this.runtime))
			.satisfies((ex) -> assertThat(ex.image()).isEqualTo(missing));
	}

	@Test
	void creatingContainerWithTakenNameFailsNamingIt() {
		spec("taken", TestImages.APP_1).create(this.runtime);

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> spec("taken", TestImages.APP_2).create(this.runtime))
			.withMessageContaining(name("taken"))
			.withMessageContaining("409")
			.isExactlyInstanceOf(ContainerRuntimeException.class);
	}

	@Test
	void startingContainerOnMissingNetworkFailsNamingTheNetwork() {
		// The engine checks the network only when the container starts.
		String id = spec("lost", TestImages.APP_1).network(name("no-such-network")).create(this.runtime);

		assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(() -> this.runtime.startContainer(id))
			.withMessageContaining(name("no-such-network"))
			.isExactlyInstanceOf(ContainerRuntimeException.class);
	}

	@Test
	void renamedContainerIsFoundByItsNewName() {
		String id = spec("old", TestImages.APP_1).create(this.runtime);

		this.runtime.renameContainer(id, name("new"));

		assertThat(this.runtime.inspectContainer(name("new"))).get().extracting(ContainerState::id).isEqualTo(id);
		assertThat(this.runtime.inspectContainer(name("old"))).isEmpty();
	}

	@Test
	void listedContainersAreOnlyThoseWithAllLabelsRunningOrNot() {
		String running = startApp("running", TestImages.APP_1);
		String created = spec("created", TestImages.APP_1).create(this.runtime);
		String otherRun = new Spec(name("other"), TestImages.APP_1,
				Map.of(TestDocker.TEST_LABEL, "true", RUN_LABEL, this.run + "-other"))
			.create(this.runtime);
		try {
			List<ContainerState> listed = this.runtime.listContainers(this.labels);

			assertThat(listed).extracting(ContainerState::id).containsExactlyInAnyOrder(running, created);
			assertThat(listed).filteredOn(ContainerState::running).extracting(ContainerState::id).containsExactly(running);
		}
		finally {
			this.runtime.removeContainer(otherRun);
		}
	}

	private static String httpGet(String url) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return response.body();
				}
			}
			catch (IOException ex) {
				// httpd is not listening yet
			}
			Thread.sleep(100);
		}
		return fail("Nothing answered at %s", url);
	}

}
