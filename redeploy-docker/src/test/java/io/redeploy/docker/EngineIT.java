package io.redeploy.docker;

import java.time.Duration;

import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.docker.testing.TestDocker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EngineIT {

	@Test
	void engineAnswersPingAndTellsItsVersion() {
		DockerEngine engine = TestDocker.runtime();

		engine.ping();

		assertThat(engine.info().apiVersion()).matches("1\\.\\d+");
		assertThat(engine.info().operatingSystem()).isEqualTo("linux");
	}

	@Test
	void missingEngineFailsPingAsRuntimeError() {
		try (DockerEngine engine = DockerRuntimes
			.connect(new DockerSettings("unix:///tmp/redeploy-no-such-docker.sock", Duration.ofSeconds(5)))) {
			assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(engine::ping)
				.withMessageContaining("the Docker engine");
		}
	}

}
