package io.redeploy.docker.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.redeploy.core.runtime.ContainerState;
import io.redeploy.docker.DockerEngine;
import io.redeploy.docker.DockerRuntimes;
import io.redeploy.docker.DockerSettings;

/**
 * The local Docker engine, shared by all the tests of a JVM: a runtime through the adapter under
 * test, and a raw docker-java client for setting up and checking what the port does not expose.
 */
public final class TestDocker {

	/** Every Docker object a test creates carries this label, so that leftovers can be found. */
	public static final String TEST_LABEL = "io.redeploy.test";

	private static DockerClient client;

	private static DockerEngine runtime;

	private TestDocker() {
	}

	public static synchronized DockerClient client() {
		if (client == null) {
			DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
			client = DockerClientImpl.getInstance(config,
					new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
						.sslConfig(config.getSSLConfig())
						.responseTimeout(Duration.ofMinutes(2))
						.build());
		}
		return client;
	}

	public static synchronized DockerEngine runtime() {
		if (runtime == null) {
			runtime = DockerRuntimes.connect(new DockerSettings(null, Duration.ofMinutes(2)));
		}
		return runtime;
	}

	/**
	 * Drops the clients, so that the next call connects afresh: after the engine restarted, the raw
	 * client's pooled connections are dead and docker-java would hand them out again (docker-java#2682).
	 */
	public static synchronized void reconnect() {
		try {
			if (client != null) {
				client.close();
			}
			if (runtime != null) {
				runtime.close();
			}
		}
		catch (IOException ex) {
			// closing dead connections: nothing to keep
		}
		client = null;
		runtime = null;
	}

	/** Removes the containers, then the networks and volumes, carrying all the given labels. */
	public static void removeAll(Map<String, String> labels) {
		DockerEngine engine = runtime();
		engine.listContainers(labels).stream().map(ContainerState::id).forEach(engine::removeContainer);
		engine.listNetworks(labels).forEach(engine::removeNetwork);
		engine.listVolumes(labels).forEach(engine::removeVolume);
	}

}
