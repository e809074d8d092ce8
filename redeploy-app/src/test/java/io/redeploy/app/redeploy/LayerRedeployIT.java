package io.redeploy.app.redeploy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** Redeploying a whole layer: sequential and simultaneous, precedence, conflicts and asynchronous calls. */
class LayerRedeployIT extends ServiceIT {

	@Test
	void aSequentialRedeployStopsAtTheFirstFailureAndLeavesTheRestUntouched() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = layer(session, "seq", 3);
		List<String> containersBefore = containerIds(session, envName);

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName,
				"nodeGroup", "cp", "tag", "broken", "isSequential", "true", "delay", "1");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.result()).isEqualTo(600);
		JsonNode responses = answer.json().get("responses");
		assertThat(responses.get(0).get("outcome").asString()).isEqualTo("ROLLED_BACK");
		assertThat(responses.get(0).get("failedStep").asString()).isEqualTo("VERIFY");
		assertThat(responses.get(1).get("outcome").asString()).isEqualTo("SKIPPED");
		assertThat(responses.get(2).get("outcome").asString()).isEqualTo("SKIPPED");
		assertThat(nodes(session, envName)).allSatisfy((node) -> {
			assertThat(node.get("tag").asString()).isEqualTo("1");
			assertThat(node.get("running").asBoolean()).isTrue();
		});
		assertThat(containerIds(session, envName).subList(1, 3)).isEqualTo(containersBefore.subList(1, 3));
		long first = nodeIds(session, envName, "cp").get(0);
		assertThat(exec(session, envName, first, "cat /opt/app/VERSION /tmp/mine")).isEqualTo("1\nmine\n");
		deleteEnvironment(session, envName);
	}

	@Test
	void aSimultaneousRedeployUpdatesEveryNodeOfTheLayer() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = layer(session, "sim", 3);

		Answer answer = this.api.post(CONTROL + "redeploycontainersbygroup", "session", session, "envName", envName,
				"nodeGroup", "cp", "tag", "2", "isSequential", "false");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("responses")).hasSize(3)
			.allSatisfy((response) -> assertThat(response.get("outcome").asString()).isEqualTo("SUCCESS"));
		for (long nodeId : nodeIds(session, envName, "cp")) {
			assertThat(exec(session, envName, nodeId, "cat /opt/app/VERSION /tmp/mine")).isEqualTo("2\nmine\n");
		}
		deleteEnvironment(session, envName);
	}

	@Test
	void nodeIdWinsOverNodeGroup() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = layer(session, "prec", 2);
		List<Long> ids = nodeIds(session, envName, "cp");

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName,
				"nodeGroup", "cp", "nodeId", ids.get(1), "tag", "2");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("responses")).hasSize(1);
		assertThat(node(session, envName, ids.get(0)).get("tag").asString()).isEqualTo("1");
		assertThat(node(session, envName, ids.get(1)).get("tag").asString()).isEqualTo("2");
		deleteEnvironment(session, envName);
	}

	@Test
	void neitherNodeGroupNorNodeIdIsAnErrorAndTouchesNothing() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = layer(session, "none", 1);
		List<String> before = containerIds(session, envName);

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName, "tag", "2");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("Either nodeId or nodeGroup is required");
		assertThat(containerIds(session, envName)).isEqualTo(before);
		deleteEnvironment(session, envName);
	}

	@Test
	void aSecondRedeployOfABusyNodeIsRefusedWithAConflict() throws Exception {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = layer(session, "busy", 2);
		long nodeId = nodeIds(session, envName, "cp").get(0);

		// a sequential run with a delay between its two nodes keeps the layer locked for a few seconds
		Answer first = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName,
				"nodeGroup", "cp", "tag", "2", "delay", "4", "async", "true");
		String operationId = first.json().get("operationId").asString();
		awaitJournalled(session, operationId);

		Answer second = this.api.post(CONTROL + "redeploycontainerbyid", "session", session, "envName", envName,
				"nodeId", nodeId, "tag", "2");

		assertThat(second.status()).isEqualTo(409);
		assertThat(second.result()).isEqualTo(409);
		assertThat(second.error()).contains("busy");
		assertThat(awaitFinished(session, operationId).get("status").asString()).isEqualTo("OK");
		assertThat(nodes(session, envName)).allSatisfy((node) -> assertThat(node.get("tag").asString()).isEqualTo("2"));
		deleteEnvironment(session, envName);
	}

	@Test
	void anAsynchronousRedeployAnswersAtOnceAndReportsItsOutcomeThroughGetOperation() throws Exception {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = layer(session, "async", 1);

		Answer started = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName,
				"nodeGroup", "cp", "tag", "2", "async", "true");

		assertThat(started.status()).as(started.body()).isEqualTo(202);
		assertThat(started.json().get("status").asString()).isEqualTo("RUNNING");
		String operationId = started.json().get("operationId").asString();
		JsonNode operation = awaitFinished(session, operationId);
		assertThat(operation.get("status").asString()).isEqualTo("OK");
		assertThat(operation.get("nodes").get(0).get("step").asString()).isEqualTo("COMMIT");
		assertThat(operation.get("nodes").get(0).get("report").get("newImage").asString())
			.isEqualTo(TestImages.APP_2.toString());
		String bob = this.api.signIn(BOB, PASSWORD);
		assertThat(this.api.get(CONTROL + "getoperation", "session", bob, "operationId", operationId).status())
			.isEqualTo(403);
		deleteEnvironment(session, envName);
	}

	/** Waits until the operation is in the journal, which it enters holding its nodes' locks. */
	private void awaitJournalled(String session, String operationId) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			JsonNode operation = this.api.get(CONTROL + "getoperation", "session", session, "operationId", operationId)
				.json();
			if (!operation.path("nodes").isEmpty()) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("operation " + operationId + " never started");
	}

	private JsonNode awaitFinished(String session, String operationId) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (System.nanoTime() < deadline) {
			JsonNode operation = this.api.get(CONTROL + "getoperation", "session", session, "operationId", operationId)
				.json();
			if (!operation.get("status").asString().equals("RUNNING")) {
				return operation;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("operation " + operationId + " did not finish");
	}

	private String layer(String session, String prefix, int count) {
		String envName = createEnvironment(session, prefix,
				List.of(Map.of("nodeGroup", "cp", "count", count, "image", TestImages.APP_1.toString())));
		String commands = io.redeploy.app.support.ApiClient.json(List.of(Map.of("command",
				"echo mine > /tmp/mine; echo /tmp/mine >> /etc/jelastic/redeploy.conf")));
		this.api.post(CONTROL + "execcmdbygroup", "session", session, "envName", envName, "nodeGroup", "cp",
				"commandList", commands);
		return envName;
	}

	private List<String> containerIds(String session, String envName) {
		return nodes(session, envName).stream().map((node) -> node.get("containerId").asString()).toList();
	}

}
