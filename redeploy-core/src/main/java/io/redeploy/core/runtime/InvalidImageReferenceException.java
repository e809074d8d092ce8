package io.redeploy.core.runtime;

import io.redeploy.core.InvalidInputException;

/** An image reference or tag that Docker would not accept. */
public class InvalidImageReferenceException extends InvalidInputException {

	private final String reference;

	public InvalidImageReferenceException(String reference, String message) {
		super(message);
		this.reference = reference;
	}

	public String reference() {
		return this.reference;
	}

}
