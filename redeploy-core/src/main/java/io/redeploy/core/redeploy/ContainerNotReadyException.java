package io.redeploy.core.redeploy;

import io.redeploy.core.RedeployException;

/** A new container did not reach running (and healthy, when its image has a health check) in time. */
public class ContainerNotReadyException extends RedeployException {

	private final String containerId;

	public ContainerNotReadyException(String containerId, String detail) {
		super("Container " + ((containerId.length() > 12) ? containerId.substring(0, 12) : containerId) + " " + detail);
		this.containerId = containerId;
	}

	public String containerId() {
		return this.containerId;
	}

}
