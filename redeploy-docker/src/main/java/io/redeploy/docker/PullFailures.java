package io.redeploy.docker;

import java.util.List;
import java.util.Locale;

import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ImageNotFoundException;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryAuthenticationException;

/**
 * Tells what a failed pull means. The engine reports a registry's refusal as HTTP 500 with the
 * registry's words in the message (or, once the pull has started, in the progress stream), so the
 * words are all there is to go on.
 */
final class PullFailures {

	// Checked first: Docker Hub's "pull access denied ... repository does not exist or may require
	// 'docker login'" carries none of these and counts as not found.
	private static final List<String> REFUSED = List.of("unauthorized", "authentication required",
			"no basic auth credentials", "incorrect username or password");

	private static final List<String> MISSING = List.of("not found", "manifest unknown", "repository does not exist",
			"name unknown");

	private PullFailures() {
	}

	/** @param httpStatus the engine's status, or 0 when the error came in the progress stream */
	static ContainerRuntimeException classify(ImageRef image, int httpStatus, String message) {
		String words = message.toLowerCase(Locale.ROOT);
		if (httpStatus == 401 || REFUSED.stream().anyMatch(words::contains)) {
			return new RegistryAuthenticationException(image, message);
		}
		if (httpStatus == 404 || MISSING.stream().anyMatch(words::contains)) {
			return new ImageNotFoundException(image, message);
		}
		return new ContainerRuntimeException("Could not pull image " + image + ": " + message);
	}

}
