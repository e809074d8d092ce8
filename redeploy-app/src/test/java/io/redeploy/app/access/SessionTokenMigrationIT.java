package io.redeploy.app.access;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.redeploy.app.support.ServiceIT;
import io.redeploy.core.access.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session signed in before tokens were hashed (schema version 2) still works after the upgrade, and
 * the upgraded table no longer holds the token. Runs the real migrations in a schema of its own.
 */
class SessionTokenMigrationIT extends ServiceIT {

	private static final String SCHEMA = "session_migration_test";

	private static final String TOKEN = "a".repeat(32) + "0123456789abcdef0123456789abcdef";

	@Autowired
	private DataSource dataSource;

	@Autowired
	private JdbcClient jdbc;

	@AfterEach
	void dropSchema() {
		this.jdbc.sql("drop schema if exists " + SCHEMA + " cascade").update();
	}

	@Test
	void aSessionStoredBeforeTheUpgradeIsFoundByItsTokenAfterIt() {
		migrate("2");
		this.jdbc.sql("insert into " + SCHEMA + ".users (login, password_hash, role) values ('carol', 'x', 'USER')").update();
		this.jdbc.sql("insert into " + SCHEMA + ".sessions (token, login, created_at, expires_at) values (?, 'carol', now(), now() + interval '1 hour')")
			.param(TOKEN)
			.update();

		migrate("3");

		assertThat(this.jdbc.sql("select token_hash from " + SCHEMA + ".sessions").query(String.class).single())
			.isEqualTo(JdbcSessionRepository.hash(TOKEN));
		JdbcSessionRepository sessions = new JdbcSessionRepository(JdbcClient.create(inSchema()));
		assertThat(sessions.findByToken(TOKEN)).map(Session::login).hasValue("carol");
		assertThat(sessions.findByToken(JdbcSessionRepository.hash(TOKEN))).isEmpty();
		sessions.save(new Session("b".repeat(64), "carol", Instant.now(), Instant.now().plus(1, ChronoUnit.HOURS)));
		assertThat(sessions.findByToken("b".repeat(64))).isPresent();
	}

	private void migrate(String version) {
		Flyway.configure().dataSource(this.dataSource).schemas(SCHEMA).target(version).load().migrate();
	}

	/** The same database with the test schema first on the search path. */
	private DataSource inSchema() {
		SingleConnectionDataSource single = new SingleConnectionDataSource();
		try (Connection connection = this.dataSource.getConnection()) {
			String url = connection.getMetaData().getURL();
			single.setUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
			single.setUsername(connection.getMetaData().getUserName());
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		single.setSuppressClose(true);
		return single;
	}

}
