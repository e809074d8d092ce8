package io.redeploy.core.redeploy;

import java.time.Clock;

import io.redeploy.core.environment.EnvironmentRepository;
import io.redeploy.core.environment.NodeProvisioner;
import io.redeploy.core.runtime.ContainerRuntime;

/** The ports and settings the per-node scripts work with, handed down by {@link RedeployService}. */
record RedeployTools(EnvironmentRepository repository, NodeProvisioner provisioner, ArchiveStore archives,
		SnapshotRepository snapshots, Clock clock, RedeploySettings settings) {

	ContainerRuntime runtime() {
		return this.provisioner.runtime();
	}

}
