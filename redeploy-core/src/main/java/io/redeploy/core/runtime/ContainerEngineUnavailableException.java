package io.redeploy.core.runtime;

/**
 * The engine could not be reached at all (its socket is gone, refuses connections, or dropped one
 * without an answer), as while it restarts; unlike a refusal, the same call may succeed later.
 */
public class ContainerEngineUnavailableException extends ContainerRuntimeException {

	public ContainerEngineUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
