package io.redeploy.core;

/** Something the caller named (environment, node, session, snapshot) does not exist, or is not theirs to see. */
public class NotFoundException extends RedeployException {

	public NotFoundException(String message) {
		super(message);
	}

}
