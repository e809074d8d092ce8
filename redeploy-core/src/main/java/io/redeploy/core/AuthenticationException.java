package io.redeploy.core;

/** No valid session: missing, unknown, expired or signed out; or a sign-in with wrong credentials. */
public class AuthenticationException extends RedeployException {

	public AuthenticationException(String message) {
		super(message);
	}

}
