package io.redeploy.app.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.redeploy.core.access.Session;
import io.redeploy.core.access.SessionRepository;

@Repository
class JdbcSessionRepository implements SessionRepository {

	private final JdbcClient jdbc;

	JdbcSessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void save(Session session) {
		this.jdbc.sql("insert into sessions (token, login, created_at, expires_at) values (?, ?, ?, ?)")
			.params(session.token(), session.login(), Timestamp.from(session.createdAt()), Timestamp.from(session.expiresAt()))
			.update();
	}

	@Override
	public Optional<Session> findByToken(String token) {
		return this.jdbc.sql("select token, login, created_at, expires_at from sessions where token = ?")
			.param(token)
			.query((rs, row) -> new Session(rs.getString("token"), rs.getString("login"),
					rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	@Override
	public void delete(String token) {
		this.jdbc.sql("delete from sessions where token = ?").param(token).update();
	}

	@Override
	public int deleteExpired(Instant now) {
		return this.jdbc.sql("delete from sessions where expires_at <= ?").param(Timestamp.from(now)).update();
	}

}
