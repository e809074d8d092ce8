package io.redeploy.core;

/** A caller's input that the core refuses before it changes anything. */
public class InvalidInputException extends RedeployException {

	public InvalidInputException(String message) {
		super(message);
	}

}
