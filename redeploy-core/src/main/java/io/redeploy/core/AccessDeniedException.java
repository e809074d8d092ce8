package io.redeploy.core;

/** A valid session asks for something that belongs to another user. */
public class AccessDeniedException extends RedeployException {

	public AccessDeniedException(String message) {
		super(message);
	}

}
