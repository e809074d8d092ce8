package io.redeploy.docker;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;

/** Connects to a Docker engine. */
public final class DockerRuntimes {

	// Connecting to a local socket is instant; a longer wait only hides an engine that is down.
	private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

	private DockerRuntimes() {
	}

	/**
	 * A runtime on the engine the settings name. Nothing is sent until the first call: use
	 * {@link DockerEngine#ping()} to check the engine is there.
	 */
	public static DockerEngine connect(DockerSettings settings) {
		DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
		if (settings.host() != null) {
			builder.withDockerHost(settings.host());
		}
		DockerClientConfig config = builder.build();
		DockerHttpClient http = new ReconnectingHttpClient(new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.connectionTimeout(CONNECTION_TIMEOUT)
			.responseTimeout(settings.responseTimeout())
			.build());
		DockerClient docker = DockerClientImpl.getInstance(config, http);
		return new DockerContainerRuntime(docker, http);
	}

}
