package io.redeploy.core.access;

import java.util.Objects;

import io.redeploy.core.AccessDeniedException;

/** The signed-in user on whose behalf the core acts. */
public record Caller(String login, Role role) {

	public Caller {
		Objects.requireNonNull(login, "login");
		Objects.requireNonNull(role, "role");
	}

	/** Whether this caller may see and change what {@code owner} owns. */
	public boolean mayAccess(String owner) {
		return this.role == Role.ADMIN || this.login.equals(owner);
	}

	/** @throws AccessDeniedException unless this caller is an operator */
	public void requireAdmin(String what) {
		if (this.role != Role.ADMIN) {
			throw new AccessDeniedException("Only an administrator may " + what);
		}
	}

}
