package io.redeploy.core;

/**
 * Base of every failure the core reports; subclasses carry the node, path or image involved.
 * Adapters translate their technology's exceptions into these exactly once, at their boundary.
 */
public abstract class RedeployException extends RuntimeException {

	protected RedeployException(String message) {
		super(message);
	}

	protected RedeployException(String message, Throwable cause) {
		super(message, cause);
	}

}
