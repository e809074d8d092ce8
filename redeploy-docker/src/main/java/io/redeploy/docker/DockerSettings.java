package io.redeploy.docker;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the Docker engine. {@code host} is a Docker host URI such as
 * {@code unix:///var/run/docker.sock}, or {@code null} for docker-java's default ({@code DOCKER_HOST},
 * then the local socket).
 * <p>
 * {@code responseTimeout} bounds how long the engine may stay silent while answering. A stop waits
 * for the container to exit before it answers, and an exec sends nothing until its command prints,
 * so it must exceed the longest stop timeout and the longest silent exec.
 */
public record DockerSettings(String host, Duration responseTimeout) {

	public DockerSettings {
		Objects.requireNonNull(responseTimeout, "responseTimeout");
		if (responseTimeout.isNegative() || responseTimeout.isZero()) {
			throw new IllegalArgumentException("responseTimeout must be positive, was " + responseTimeout);
		}
		host = (host == null || host.isBlank()) ? null : host.trim();
	}

	/** The default host and a response timeout of five minutes. */
	public static DockerSettings defaults() {
		return new DockerSettings(null, Duration.ofMinutes(5));
	}

}
