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
 * @param archives where the archives taken before a redeploy are written
 * @param redeploys tuning of the redeploy engine
 */
@ConfigurationProperties("redeploy")
public record RedeployProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Database database,
		@DefaultValue Admin admin, @DefaultValue List<SeedUser> users, @DefaultValue("24h") Duration sessionLifetime,
		@DefaultValue Docker docker, @DefaultValue Archives archives, @DefaultValue Redeploys redeploys) {

	/** The archive root: {@code archives.root}, or {@code <dataDir>/archives}. */
	public Path archiveRoot() {
		return this.archives.root().isBlank() ? this.dataDir.resolve("archives") : Path.of(this.archives.root());
	}

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

	/** @param root empty for {@code <dataDir>/archives}
	 *  @param compressionLevel gzip level, 1 (fastest) to 9 */
	public record Archives(@DefaultValue("") String root, @DefaultValue("1") int compressionLevel) {
	}

	/** @param verifyTimeout how long a new container may take to run (and be healthy)
	 *  @param snapshotsPerNode how many previous versions each node keeps for rollback
	 *  @param parallelism how many nodes of a simultaneous redeploy run at once */
	public record Redeploys(@DefaultValue("2m") Duration verifyTimeout, @DefaultValue("100ms") Duration pollInterval,
			@DefaultValue("1") int snapshotsPerNode, @DefaultValue("4") int parallelism) {
	}

	/** @param host e.g. {@code unix:///var/run/docker.sock}; empty for the environment's default
	 *  @param reconnectTimeout how long a rollback waits for an engine that cannot be reached (restarting) */
	public record Docker(@DefaultValue("") String host, @DefaultValue("10s") Duration stopTimeout,
			@DefaultValue("60s") Duration execTimeout, @DefaultValue("60s") Duration reconnectTimeout) {
	}

}
