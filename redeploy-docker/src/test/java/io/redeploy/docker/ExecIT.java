package io.redeploy.docker;

import java.time.Duration;
import java.util.List;

import io.redeploy.core.runtime.ContainerNotFoundException;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ExecResult;
import io.redeploy.docker.testing.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExecIT extends EngineTestSupport {

	@Test
	void execKeepsStdoutAndStderrApartAndReportsExitCode() {
		String id = startApp("exec", TestImages.APP_1);

		ExecResult result = sh(id, "echo out; echo err >&2; echo more; exit 4");

		assertThat(result.exitCode()).isEqualTo(4);
		assertThat(result.stdout()).isEqualTo("out\nmore\n");
		assertThat(result.stderr()).isEqualTo("err\n");
	}

	@Test
	void execOutputIsCappedAtOneMebibyte() {
		String id = startApp("flood", TestImages.APP_1);

		ExecResult result = sh(id, "head -c 3000000 /dev/zero | busybox tr '\\0' x");

		assertSucceeded(result);
		assertThat(result.stdout()).startsWith("xxxx").contains("[output truncated after 1048576 bytes]");
		assertThat(result.stdout().length()).isLessThan(ExecRunner.OUTPUT_LIMIT + 100);
	}

	@Test
	void execOutlivingItsTimeoutFails() {
		String id = startApp("slow", TestImages.APP_1);

		long start = System.nanoTime();
		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.runtime.exec(id, List.of("sleep", "30"), Duration.ofMillis(500)))
			.withMessageContaining("did not finish within");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void execInStoppedContainerFailsAndInMissingContainerIsNotFound() {
		String stopped = spec("stopped", TestImages.APP_1).create(this.runtime);

		assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(() -> sh(stopped, "true"))
			.withMessageContaining("is not running")
			.isExactlyInstanceOf(ContainerRuntimeException.class);
		assertThatExceptionOfType(ContainerNotFoundException.class).isThrownBy(() -> sh(name("missing"), "true"));
	}

	@Test
	void execOfMissingCommandFailsWithExitCode() {
		String id = startApp("nocommand", TestImages.APP_1);

		ExecResult result = this.runtime.exec(id, List.of("no-such-command"), Duration.ofSeconds(10));

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stdout() + result.stderr()).contains("no-such-command");
	}

}
