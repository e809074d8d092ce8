package io.redeploy.docker;

import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ImageNotFoundException;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryAuthenticationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages are the ones Docker 20.10 and Distribution 2.8 send. */
class PullFailuresTests {

	private static final ImageRef IMAGE = ImageRef.parse("127.0.0.1:5000/shop/web:2.0");

	@Test
	void wrongPasswordIsRefusedCredentials() {
		assertThat(PullFailures.classify(IMAGE, 500, "unauthorized: authentication required"))
			.isInstanceOf(RegistryAuthenticationException.class)
			.hasMessageContaining("127.0.0.1:5000");
	}

	@Test
	void missingCredentialsAreRefusedCredentials() {
		assertThat(PullFailures.classify(IMAGE, 500,
				"Head \"http://127.0.0.1:5000/v2/shop/web/manifests/2.0\": no basic auth credentials"))
			.isInstanceOf(RegistryAuthenticationException.class);
		assertThat(PullFailures.classify(IMAGE, 401, "anything")).isInstanceOf(RegistryAuthenticationException.class);
	}

	@Test
	void missingTagOrRepositoryIsImageNotFound() {
		assertThat(PullFailures.classify(IMAGE, 404,
				"manifest for 127.0.0.1:5000/shop/web:2.0 not found: manifest unknown: manifest unknown"))
			.isInstanceOf(ImageNotFoundException.class);
		assertThat(PullFailures.classify(IMAGE, 500, "manifest unknown")).isInstanceOf(ImageNotFoundException.class);
		assertThat(PullFailures.classify(IMAGE, 500,
				"pull access denied for shop/web, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"))
			.isInstanceOf(ImageNotFoundException.class);
	}

	@Test
	void unreachableRegistryIsPlainRuntimeFailure() {
		assertThat(PullFailures.classify(IMAGE, 500,
				"Get \"http://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused"))
			.isExactlyInstanceOf(ContainerRuntimeException.class)
			.hasMessageContaining("connection refused")
			.hasMessageContaining(IMAGE.toString());
	}

}
