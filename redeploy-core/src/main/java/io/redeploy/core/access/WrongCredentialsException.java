package io.redeploy.core.access;

import io.redeploy.core.AuthenticationException;

/** A sign-in with an unknown login or a wrong password; which of the two is never said. */
public class WrongCredentialsException extends AuthenticationException {

	public WrongCredentialsException() {
		super("Wrong login or password");
	}

}
