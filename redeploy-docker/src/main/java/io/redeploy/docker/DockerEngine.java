package io.redeploy.docker;

import java.util.List;

import io.redeploy.core.runtime.ContainerRuntime;

/** A {@link ContainerRuntime} on a Docker engine, with the engine-level calls the app needs. */
public interface DockerEngine extends ContainerRuntime, AutoCloseable {

	/** @throws io.redeploy.core.runtime.ContainerRuntimeException when the engine does not answer */
	void ping();

	/** @throws io.redeploy.core.runtime.ContainerRuntimeException when the engine does not answer */
	EngineInfo info();

	/**
	 * The tags the engine holds locally for an image repository (e.g. {@code redeploy-test/app} →
	 * {@code 1}, {@code 2}), sorted. Not on the core's port: no use case needs it, only the dashboard's
	 * tag suggestions.
	 */
	List<String> localTags(String repository);

	/** Releases the HTTP connections to the engine. */
	@Override
	void close();

}
