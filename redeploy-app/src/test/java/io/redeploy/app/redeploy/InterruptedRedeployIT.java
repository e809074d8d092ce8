package io.redeploy.app.redeploy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.redeploy.app.support.ServiceIT;
import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.EnvironmentRepository;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.core.redeploy.Operation;
import io.redeploy.core.redeploy.OperationKind;
import io.redeploy.core.redeploy.OperationRecovery;
import io.redeploy.core.redeploy.RedeployService;
import io.redeploy.core.redeploy.RedeployStep;
import io.redeploy.docker.DockerEngine;
import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A redeploy interrupted by a stop of the service, left on the real engine exactly as the engine's
 * steps leave it (new container made beside the old one; or the old one stopped and set aside and the
 * new one in its place; the journal at that step), then the start-up recovery: the node ends on one
 * version, running, with its data.
 */
class InterruptedRedeployIT extends ServiceIT {

	@Autowired
	private DockerEngine engine;

	@Autowired
	private EnvironmentRepository environments;

	@Autowired
	private JdbcOperationJournal journal;

	@Autowired
	private OperationRecovery recovery;

	@Test
	void aRedeployInterruptedBeforeItsCommitEndsOnTheOldContainerWithItsData() {
		String session = this.api.signIn(ALICE, PASSWORD);
		Interrupted crash = interruptAtVerify(session, "crash-old");

		assertThat(this.recovery.recoverAll()).isGreaterThanOrEqualTo(1);

		assertThat(this.engine.inspectContainer(crash.newContainer())).isEmpty();
		JsonNode node = node(session, crash.envName(), crash.node().id());
		assertThat(node.get("containerId").asString()).isEqualTo(crash.node().containerId());
		assertThat(node.get("running").asBoolean()).isTrue();
		assertThat(node.get("status").asString()).isEqualTo("RUNNING");
		assertThat(exec(session, crash.envName(), crash.node().id(), "cat /opt/app/VERSION /opt/state.txt"))
			.isEqualTo("1\nunlisted-state\n");
		JsonNode operation = this.api.get(CONTROL + "getoperation", "session", session, "operationId",
				crash.operationId()).json();
		assertThat(operation.get("status").asString()).isEqualTo("FAILED");
		assertThat(operation.get("error").asString()).contains("interrupted");
		assertThat(operation.get("nodes").get(0).get("outcome").asString()).isEqualTo("INTERRUPTED");
		deleteEnvironment(session, crash.envName());
	}

	@Test
	void aRedeployInterruptedWhileItFilledTheNewContainerRemovesItAndTheOldOneNeverStopped() {
		String session = this.api.signIn(ALICE, PASSWORD);
		Interrupted crash = interruptWhileFilling(session, "crash-fill", RedeployStep.RESTORE);
		String startedAt = startedAt(crash.node().containerId());

		assertThat(this.recovery.recoverAll()).isGreaterThanOrEqualTo(1);

		assertThat(this.engine.inspectContainer(crash.newContainer())).isEmpty();
		JsonNode node = node(session, crash.envName(), crash.node().id());
		assertThat(node.get("containerId").asString()).isEqualTo(crash.node().containerId());
		assertThat(node.get("status").asString()).isEqualTo("RUNNING");
		assertThat(startedAt(crash.node().containerId())).as("still the same run of the old container").isEqualTo(startedAt);
		assertThat(exec(session, crash.envName(), crash.node().id(), "cat /opt/app/VERSION /opt/state.txt"))
			.isEqualTo("1\nunlisted-state\n");
		deleteEnvironment(session, crash.envName());
	}

	@Test
	void aRedeployInterruptedAfterItsCommitEndsOnTheNewContainer() {
		String session = this.api.signIn(ALICE, PASSWORD);
		Interrupted crash = interruptAtVerify(session, "crash-new");
		Node node = this.environments.findNode(crash.node().id()).orElseThrow();
		this.environments.updateNode(node.withImage(TestImages.APP_2).withContainer(crash.newContainer(), node.status()));
		this.journal.stepReached(crash.operationId(), node.id(), RedeployStep.COMMIT);

		this.recovery.recoverAll();

		JsonNode recovered = node(session, crash.envName(), node.id());
		assertThat(recovered.get("containerId").asString()).isEqualTo(crash.newContainer());
		assertThat(recovered.get("running").asBoolean()).isTrue();
		assertThat(exec(session, crash.envName(), node.id(), "cat /opt/app/VERSION")).isEqualTo("2\n");
		assertThat(this.engine.inspectContainer(crash.node().containerId())).isPresent();
		deleteEnvironment(session, crash.envName());
	}

	/**
	 * The state a service killed during VERIFY leaves: the new container made beside the old one (CREATE,
	 * RESTORE), then the old one stopped and set aside and the new one put under the node's name (STOP).
	 */
	private Interrupted interruptAtVerify(String session, String prefix) {
		Interrupted crash = interruptWhileFilling(session, prefix, RedeployStep.VERIFY);
		String name = NodeContainers.containerName(crash.envName(), crash.node().id());
		this.engine.stopContainer(crash.node().containerId(), Duration.ofSeconds(5));
		this.engine.renameContainer(crash.node().containerId(), name + "-snapshot-" + crash.operationId().substring(0, 8));
		this.engine.renameContainer(crash.newContainer(), name);
		return crash;
	}

	/** The state a service killed during RESTORE leaves: the old container serving, the new one under its temporary name. */
	private Interrupted interruptWhileFilling(String session, String prefix, RedeployStep reached) {
		String envName = createEnvironment(session, prefix,
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		long nodeId = nodeIds(session, envName, "cp").get(0);
		exec(session, envName, nodeId, "echo unlisted-state > /opt/state.txt");
		Environment environment = this.environments.find(envName).orElseThrow();
		Node node = this.environments.findNode(nodeId).orElseThrow();
		String operationId = RedeployService.newOperationId();
		this.journal.started(new Operation(operationId, OperationKind.REDEPLOY, envName, ALICE,
				TestImages.APP_2.toString(), List.of(nodeId), Instant.now()));
		this.journal.stepReached(operationId, nodeId, reached);
		String name = NodeContainers.containerName(envName, nodeId);
		String newContainer = this.engine.createContainer(NodeContainers.spec(environment, node, TestImages.APP_2,
				NodeContainers.temporaryName(name, operationId), this.environments.nodes(envName)));
		return new Interrupted(envName, node, operationId, newContainer);
	}

	private static String startedAt(String containerId) {
		return TestDocker.client().inspectContainerCmd(containerId).exec().getState().getStartedAt();
	}

	record Interrupted(String envName, Node node, String operationId, String newContainer) {
	}

}
