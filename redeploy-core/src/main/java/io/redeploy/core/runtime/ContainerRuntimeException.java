package io.redeploy.core.runtime;

import io.redeploy.core.RedeployException;

/** The container engine failed or refused an operation. */
public class ContainerRuntimeException extends RedeployException {

	public ContainerRuntimeException(String message) {
		super(message);
	}

	public ContainerRuntimeException(String message, Throwable cause) {
		super(message, cause);
	}

}
