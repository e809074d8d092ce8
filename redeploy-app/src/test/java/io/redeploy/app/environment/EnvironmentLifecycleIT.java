package io.redeploy.app.environment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.redeploy.app.support.ApiClient;
import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.docker.DockerEngine;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping, starting and deleting an environment, checked against what the engine and the host really hold. */
class EnvironmentLifecycleIT extends ServiceIT {

	@Autowired
	private DockerEngine engine;

	@Test
	void stoppedEnvironmentStartsAgainWithItsData() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = create(session, "life");
		execOnGroup(session, envName, "echo kept > /var/lib/data/file");

		JsonNode stopped = this.api.post(CONTROL + "stopenv", "session", session, "envName", envName).json();
		assertThat(stopped.get("env").get("status").asString()).isEqualTo("STOPPED");
		assertThat(stopped.get("nodes")).allSatisfy((node) -> assertThat(node.get("running").asBoolean()).isFalse());
		assertThat(this.engine.listContainers(labels(envName))).noneMatch((container) -> container.running());

		JsonNode started = this.api.post(CONTROL + "startenv", "session", session, "envName", envName).json();
		assertThat(started.get("env").get("status").asString()).isEqualTo("RUNNING");
		assertThat(started.get("nodes")).allSatisfy((node) -> assertThat(node.get("running").asBoolean()).isTrue());
		assertThat(execOnGroup(session, envName, "cat /var/lib/data/file")).isEqualTo("kept\n");

		this.api.post(CONTROL + "deleteenv", "session", session, "envName", envName);
	}

	@Test
	void deletedEnvironmentLeavesNoContainerNetworkVolumeOrArchiveBehind() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = create(session, "gone");
		Answer redeployed = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName,
				"nodeGroup", "sqldb", "tag", TestImages.APP_2.tag());
		assertThat(redeployed.status()).as(redeployed.body()).isEqualTo(200);
		List<Path> archives = redeployed.json().get("responses").valueStream()
			.flatMap((node) -> node.get("archives").valueStream())
			.map((archive) -> Path.of(archive.get("file").asString()))
			.toList();
		assertThat(archives).isNotEmpty().allSatisfy((file) -> assertThat(file).exists());
		assertThat(this.engine.listContainers(labels(envName))).hasSize(4);
		assertThat(this.engine.listVolumes(labels(envName))).hasSize(2);
		assertThat(this.engine.listNetworks(labels(envName))).hasSize(1);

		Answer deleted = this.api.post(CONTROL + "deleteenv", "session", session, "envName", envName);

		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(this.engine.listContainers(labels(envName))).isEmpty();
		assertThat(this.engine.listVolumes(labels(envName))).isEmpty();
		assertThat(this.engine.listNetworks(labels(envName))).isEmpty();
		assertThat(archives).allSatisfy((file) -> assertThat(file.getParent()).doesNotExist());
		Answer info = this.api.get(CONTROL + "getenvinfo", "session", session, "envName", envName);
		assertThat(info.status()).isEqualTo(404);
		assertThat(this.api.get(CONTROL + "getenvs", "session", session).json().get("infos"))
			.noneMatch((env) -> env.get("envName").asString().equals(envName));
	}

	private String create(String session, String prefix) {
		return createEnvironment(session, prefix, List.of(Map.of("nodeGroup", "sqldb", "count", 2, "image",
				TestImages.APP_1.toString(), "volumes", List.of("/var/lib/data"))));
	}

	private String execOnGroup(String session, String envName, String command) {
		Answer answer = this.api.post(CONTROL + "execcmdbygroup", "session", session, "envName", envName, "nodeGroup",
				"sqldb", "commandList", ApiClient.json(List.of(Map.of("command", command))));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().get("responses").get(0).get("out").asString();
	}

	private static Map<String, String> labels(String envName) {
		return Map.of(NodeContainers.LABEL_ENVIRONMENT, envName);
	}

}
