package io.redeploy.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.redeploy.core.access.Role;

/**
 * Settings of the service ({@code redeploy.*}).
 *
 * @param dataDir where the embedded database and the archives live by default
 * @param database the embedded PostgreSQL, used unless {@code embedded} is false
 * @param admin the operator account created or updated at start
 * @param users further accounts created or updated at start
 * @param sessionLifetime how long a session stays valid after sign-in
 * @param docker how to reach the Docker engine
 */
@ConfigurationProperties("redeploy")
public record RedeployProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Database database,
		@DefaultValue Admin admin, @DefaultValue List<SeedUser> users, @DefaultValue("24h") Duration sessionLifetime,
		@DefaultValue Docker docker) {

	/** @param embedded run PostgreSQL inside the service, data under {@code dataDir/postgres}
	 *  @param port its port, 0 for any free one */
	public record Database(@DefaultValue("true") boolean embedded, @DefaultValue("0") int port) {
	}

	/** @param password empty to generate one on first start */
	public record Admin(@DefaultValue("admin") String login, @DefaultValue("") String password) {
	}

	/** An account seeded from configuration. */
	public record SeedUser(String login, String password, @DefaultValue("USER") Role role) {
	}

	/** @param host e.g. {@code unix:///var/run/docker.sock}; empty for the environment's default */
	public record Docker(@DefaultValue("") String host, @DefaultValue("10s") Duration stopTimeout,
			@DefaultValue("60s") Duration execTimeout) {
	}

}
