package io.redeploy.app.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.redeploy.core.access.AccessService;
import io.redeploy.core.access.PasswordHasher;
import io.redeploy.core.access.SessionRepository;
import io.redeploy.core.access.UserRepository;
import io.redeploy.core.environment.EnvironmentRepository;
import io.redeploy.core.environment.EnvironmentService;
import io.redeploy.core.environment.NodeLocks;
import io.redeploy.core.environment.NodeProvisioner;
import io.redeploy.core.environment.NodeReplacer;
import io.redeploy.core.environment.NodeService;
import io.redeploy.core.redeploy.ArchiveStore;
import io.redeploy.core.redeploy.ArchiveSweep;
import io.redeploy.core.redeploy.OperationJournal;
import io.redeploy.core.redeploy.OperationRecovery;
import io.redeploy.core.redeploy.RedeployEvent;
import io.redeploy.core.redeploy.RedeployListener;
import io.redeploy.core.redeploy.RedeployService;
import io.redeploy.core.redeploy.RedeploySettings;
import io.redeploy.core.redeploy.RedeployingNodeReplacer;
import io.redeploy.core.redeploy.SnapshotRepository;
import io.redeploy.docker.archive.ArchiveStores;
import io.redeploy.docker.DockerEngine;
import io.redeploy.docker.DockerRuntimes;
import io.redeploy.docker.DockerSettings;

/** Wires the core's services to their adapters: the Docker engine and the JDBC repositories. */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(CoreConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean(destroyMethod = "close")
	DockerEngine dockerEngine(RedeployProperties properties) {
		String host = properties.docker().host().isBlank() ? null : properties.docker().host();
		// a response may take as long as the slowest stop or exec we ask for, plus slack
		Duration timeout = properties.docker().execTimeout().plus(properties.docker().stopTimeout()).plusSeconds(30);
		return DockerRuntimes.connect(new DockerSettings(host, timeout));
	}

	@Bean
	AccessService accessService(UserRepository users, SessionRepository sessions, PasswordHasher hasher, Clock clock,
			RedeployProperties properties) {
		return new AccessService(users, sessions, hasher, clock, properties.sessionLifetime());
	}

	@Bean
	NodeLocks nodeLocks() {
		return new NodeLocks();
	}

	@Bean
	NodeProvisioner nodeProvisioner(DockerEngine engine, RedeployProperties properties) {
		return new NodeProvisioner(engine, properties.docker().stopTimeout());
	}

	@Bean
	ArchiveStore archiveStore(RedeployProperties properties) {
		return ArchiveStores.onFileSystem(properties.archiveRoot().toAbsolutePath().normalize(),
				properties.archives().compressionLevel());
	}

	@Bean
	ArchiveSweep archiveSweep(ArchiveStore archives, SnapshotRepository snapshots, OperationJournal journal) {
		return new ArchiveSweep(archives, snapshots, journal);
	}

	@Bean
	RedeployService redeployService(EnvironmentRepository environments, NodeProvisioner provisioner, NodeLocks locks,
			ArchiveStore archives, SnapshotRepository snapshots, OperationJournal journal,
			List<RedeployListener> listeners, Clock clock, RedeployProperties properties) {
		RedeployProperties.Redeploys tuning = properties.redeploys();
		RedeploySettings settings = new RedeploySettings(tuning.verifyTimeout(), tuning.pollInterval(),
				tuning.snapshotsPerNode(), tuning.parallelism(), properties.docker().reconnectTimeout());
		RedeployListener all = (event) -> listeners.forEach((listener) -> notify(listener, event));
		return new RedeployService(environments, provisioner, locks, archives, snapshots, journal,
				all, clock, settings);
	}

	/** Every listener hears every event, whatever another one throws (logged as the engine logs its listener). */
	private static void notify(RedeployListener listener, RedeployEvent event) {
		try {
			listener.on(event);
		}
		catch (RuntimeException ex) {
			logger.warn("Redeploy listener {} failed on {}: {}", listener.getClass().getSimpleName(), event, ex.getMessage());
		}
	}

	@Bean
	OperationRecovery operationRecovery(EnvironmentRepository environments, SnapshotRepository snapshots,
			OperationJournal journal, DockerEngine engine, NodeLocks locks) {
		return new OperationRecovery(environments, snapshots, journal, engine, locks);
	}

	/** Changed settings go into effect through the redeploy engine, so that the node's data is kept. */
	@Bean
	NodeReplacer nodeReplacer(RedeployService redeploys) {
		return new RedeployingNodeReplacer(redeploys);
	}

	@Bean
	EnvironmentService environmentService(EnvironmentRepository environments, NodeProvisioner provisioner,
			NodeLocks locks, Clock clock) {
		return new EnvironmentService(environments, provisioner, locks, clock);
	}

	@Bean
	NodeService nodeService(EnvironmentRepository environments, DockerEngine engine, NodeLocks locks,
			NodeReplacer replacer, RedeployProperties properties) {
		return new NodeService(environments, engine, locks, replacer, properties.docker().execTimeout());
	}

}
