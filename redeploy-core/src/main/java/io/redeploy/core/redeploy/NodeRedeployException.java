package io.redeploy.core.redeploy;

import io.redeploy.core.RedeployException;

/** A step of a node's redeploy failed; the node was rolled back (or, if that failed too, the message says so). */
public class NodeRedeployException extends RedeployException {

	private final long nodeId;

	private final RedeployStep step;

	public NodeRedeployException(long nodeId, RedeployStep step, String message, Throwable cause) {
		super("Node " + nodeId + ", step " + step + ": " + message, cause);
		this.nodeId = nodeId;
		this.step = step;
	}

	public long nodeId() {
		return this.nodeId;
	}

	public RedeployStep step() {
		return this.step;
	}

}
