package io.redeploy.core.runtime;

import java.util.Objects;

/** Login and password for a private registry; used for a pull, never stored nor printed. */
public record RegistryCredentials(String login, String password) {

	public RegistryCredentials {
		Objects.requireNonNull(login, "login");
		Objects.requireNonNull(password, "password");
	}

	@Override
	public String toString() {
		return "RegistryCredentials[login=" + this.login + ", password=***]";
	}

}
