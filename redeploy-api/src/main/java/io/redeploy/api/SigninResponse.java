package io.redeploy.api;

import java.time.Instant;

/** A new session: pass {@code session} to every other call. */
public record SigninResponse(int result, String session, String login, String role, Instant expiresAt) {
}
