package io.redeploy.core.access;

import java.time.Duration;

import io.redeploy.core.RedeployException;

/** A sign-in refused because its login had too many failed attempts lately; right or wrong password alike. */
public class TooManyAttemptsException extends RedeployException {

	private final Duration retryAfter;

	public TooManyAttemptsException(Duration retryAfter) {
		super("Too many failed sign-ins for this login: try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds");
		this.retryAfter = retryAfter;
	}

	/** How long until the oldest counted failure leaves the window. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
