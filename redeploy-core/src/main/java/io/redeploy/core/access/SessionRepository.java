package io.redeploy.core.access;

import java.time.Instant;
import java.util.Optional;

/** Where sessions are kept. */
public interface SessionRepository {

	void save(Session session);

	Optional<Session> findByToken(String token);

	void delete(String token);

	/** Deletes sessions that expired before {@code now}; returns how many. */
	int deleteExpired(Instant now);

}
