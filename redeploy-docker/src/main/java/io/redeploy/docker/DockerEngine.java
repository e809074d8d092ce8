package io.redeploy.docker;

import io.redeploy.core.runtime.ContainerRuntime;

/** A {@link ContainerRuntime} on a Docker engine, with the engine-level calls the app needs. */
public interface DockerEngine extends ContainerRuntime, AutoCloseable {

	/** @throws io.redeploy.core.runtime.ContainerRuntimeException when the engine does not answer */
	void ping();

	/** @throws io.redeploy.core.runtime.ContainerRuntimeException when the engine does not answer */
	EngineInfo info();

	/** Releases the HTTP connections to the engine. */
	@Override
	void close();

}
