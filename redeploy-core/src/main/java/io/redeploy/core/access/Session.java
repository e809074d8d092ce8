package io.redeploy.core.access;

import java.time.Instant;

/** A signed-in session: a random token, its user and when it expires. */
public record Session(String token, String login, Instant createdAt, Instant expiresAt) {

	boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	@Override
	public String toString() {
		return "Session[login=" + this.login + ", expiresAt=" + this.expiresAt + "]";
	}

}
