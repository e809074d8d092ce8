package io.redeploy.docker;

import java.util.Optional;

import com.github.dockerjava.api.exception.NotFoundException;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ImageInfo;
import io.redeploy.core.runtime.ImageNotFoundException;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryAuthenticationException;
import io.redeploy.core.runtime.RegistryCredentials;
import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;
import io.redeploy.docker.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImagesIT extends EngineTestSupport {

	private static TestRegistry registry;

	private static ImageRef pushed;

	@BeforeAll
	static void startRegistry() {
		registry = TestRegistry.start();
		pushed = registry.push(TestImages.APP_2, "redeploy-test/app", "2");
	}

	@AfterAll
	static void stopRegistry() {
		if (registry != null) {
			registry.close();
		}
	}

	@AfterEach
	void removePulledImage() {
		try {
			TestDocker.client().removeImageCmd(pushed.toString()).exec();
		}
		catch (NotFoundException ex) {
			// this test pulled nothing
		}
	}

	@Test
	void localTagsOfARepositoryAreListedSorted() {
		assertThat(this.runtime.localTags(TestImages.APP_1.repository())).contains("1", "2", "broken")
			.isSorted()
			.doesNotHaveDuplicates();
		assertThat(this.runtime.localTags("redeploy-test/no-such-repository")).isEmpty();
	}

	@Test
	void imageOfLocalTagIsInspected() {
		ImageInfo app = this.runtime.inspectImage(TestImages.APP_1);

		assertThat(app.id()).startsWith("sha256:");
		assertThat(app.env()).contains("APP_VERSION=1", "IMAGE_ONLY=from-image-1");
		assertThat(app.cmd()).containsExactly("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done");
		assertThat(app.entrypoint()).isEmpty();
		assertThat(app.user()).isEmpty();
		assertThat(app.exposedPorts()).isEmpty();
		assertThat(app.hasHealthcheck()).isFalse();
		assertThat(this.runtime.inspectImage(TestImages.APP_HEALTHY).hasHealthcheck()).isTrue();
	}

	@Test
	void missingImageDoesNotExistAndCannotBeInspected() {
		ImageRef missing = new ImageRef("redeploy-test/app", "no-such-tag");

		assertThat(this.runtime.imageExists(TestImages.APP_1)).isTrue();
		assertThat(this.runtime.imageExists(missing)).isFalse();
		assertThatExceptionOfType(ImageNotFoundException.class).isThrownBy(() -> this.runtime.inspectImage(missing))
			.satisfies((ex) -> assertThat(ex.image()).isEqualTo(missing));
	}

	@Test
	void pullWithRightCredentialsFetchesImageFromRegistry() {
		assertThat(this.runtime.imageExists(pushed)).isFalse();

		this.runtime.pullImage(pushed, Optional.of(registry.credentials()));

		assertThat(this.runtime.imageExists(pushed)).isTrue();
		assertThat(this.runtime.inspectImage(pushed).env()).contains("APP_VERSION=2");
	}

	@Test
	void pullWithWrongPasswordIsRefused() {
		RegistryCredentials wrong = new RegistryCredentials(registry.login(), "wrong-password");

		assertThatExceptionOfType(RegistryAuthenticationException.class)
			.isThrownBy(() -> this.runtime.pullImage(pushed, Optional.of(wrong)))
			.satisfies((ex) -> assertThat(ex.image()).isEqualTo(pushed))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(registry.password()));
	}

	@Test
	void pullWithoutCredentialsIsRefused() {
		assertThatExceptionOfType(RegistryAuthenticationException.class)
			.isThrownBy(() -> this.runtime.pullImage(pushed, Optional.empty()));
	}

	@Test
	void pullOfMissingTagThrowsImageNotFound() {
		ImageRef missing = pushed.resolve("no-such-tag");

		assertThatExceptionOfType(ImageNotFoundException.class)
			.isThrownBy(() -> this.runtime.pullImage(missing, Optional.of(registry.credentials())))
			.satisfies((ex) -> assertThat(ex.image()).isEqualTo(missing));
	}

	@Test
	void pullFromUnreachableRegistryFailsAsRuntimeError() {
		ImageRef unreachable = new ImageRef("127.0.0.1:1/redeploy-test/app", "1");

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.runtime.pullImage(unreachable, Optional.of(registry.credentials())))
			.withMessageContaining("connection refused")
			.isExactlyInstanceOf(ContainerRuntimeException.class);
	}

}
