package io.redeploy.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default database: a real PostgreSQL started inside the service, its data kept under the data
 * directory so that a restarted service finds its environments and unfinished operations. Turned off
 * with {@code redeploy.database.embedded=false}, when {@code spring.datasource.*} names a server.
 * A server left running by a killed service is stopped first (see {@link LeftoverPostmaster}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "redeploy.database.embedded", havingValue = "true", matchIfMissing = true)
class EmbeddedDatabaseConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(RedeployProperties properties) throws IOException {
		Path directory = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
		Files.createDirectories(directory.getParent());
		new LeftoverPostmaster(directory).stop(Duration.ofSeconds(30));
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			// the library's default (off) acknowledges a commit before its WAL is written: a service killed
			// together with its database (its container killed, the OOM killer) lost the journal's last
			// steps and a redeploy's commit, and recovery put the node back on its old container
			.setServerConfig("synchronous_commit", "on");
		if (properties.database().port() > 0) {
			builder.setPort(properties.database().port());
		}
		EmbeddedPostgres postgres = builder.start();
		logger.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
		return postgres;
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(10);
		dataSource.setPoolName("redeploy");
		return dataSource;
	}

}
