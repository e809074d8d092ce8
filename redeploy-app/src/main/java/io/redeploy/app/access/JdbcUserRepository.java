package io.redeploy.app.access;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.redeploy.core.access.Role;
import io.redeploy.core.access.User;
import io.redeploy.core.access.UserRepository;

@Repository
class JdbcUserRepository implements UserRepository {

	private final JdbcClient jdbc;

	JdbcUserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<User> findByLogin(String login) {
		return this.jdbc.sql("select login, password_hash, role from users where login = ?")
			.param(login)
			.query((rs, row) -> new User(rs.getString("login"), rs.getString("password_hash"), Role.valueOf(rs.getString("role"))))
			.optional();
	}

	@Override
	public void save(User user) {
		this.jdbc.sql("""
				insert into users (login, password_hash, role) values (?, ?, ?)
				on conflict (login) do update set password_hash = excluded.password_hash, role = excluded.role
				""").params(user.login(), user.passwordHash(), user.role().name()).update();
	}

}
