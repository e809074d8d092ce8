package io.redeploy.core.access;

/** A user account; only the password's hash is ever kept. */
public record User(String login, String passwordHash, Role role) {

	@Override
	public String toString() {
		return "User[login=" + this.login + ", role=" + this.role + "]";
	}

}
