package io.redeploy.app.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.redeploy.core.access.Session;
import io.redeploy.core.access.SessionRepository;

/**
 * Keeps sessions by the SHA-256 of their token, never the token itself: whoever reads the table or a
 * dump of it cannot sign in with what they find. The token is 256 random bits, so an unsalted hash
 * is as hard to reverse as the token is to guess.
 */
@Repository
class JdbcSessionRepository implements SessionRepository {

	private final JdbcClient jdbc;

	JdbcSessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void save(Session session) {
		this.jdbc.sql("insert into sessions (token_hash, login, created_at, expires_at) values (?, ?, ?, ?)")
			.params(hash(session.token()), session.login(), Timestamp.from(session.createdAt()), Timestamp.from(session.expiresAt()))
			.update();
	}

	@Override
	public Optional<Session> findByToken(String token) {
		return this.jdbc.sql("select login, created_at, expires_at from sessions where token_hash = ?")
			.param(hash(token))
			.query((rs, row) -> new Session(token, rs.getString("login"),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	@Override
	public void delete(String token) {
		this.jdbc.sql("delete from sessions where token_hash = ?").param(hash(token)).update();
	}

	@Override
	public int deleteExpired(Instant now) {
		return this.jdbc.sql("delete from sessions where expires_at <= ?").param(Timestamp.from(now)).update();
	}

	/** The stored form of a token: its SHA-256, in lower-case hex. */
	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
