package io.redeploy.core;

/** The request contradicts the current state: a name already taken, a node already being changed. */
public class ConflictException extends RedeployException {

	public ConflictException(String message) {
		super(message);
	}

}
