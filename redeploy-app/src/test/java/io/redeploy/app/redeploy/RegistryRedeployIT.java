package io.redeploy.app.redeploy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.docker.testing.TestImages;
import io.redeploy.docker.testing.TestRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** Pulling the new image: a private registry with login and password, and the failures that touch nothing. */
class RegistryRedeployIT extends ServiceIT {

	private static TestRegistry registry;

	private static ImageRef pushed;

	@BeforeAll
	static void startRegistry() {
		TestImages.ensureBuilt();
		registry = TestRegistry.start();
		pushed = registry.push(TestImages.APP_2, "team/app", "2.0");
	}

	@AfterAll
	static void stopRegistry() {
		registry.close();
	}

	@Test
	void theNewImageIsPulledFromAPrivateRegistryWithLoginAndPassword() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = single(session, "private");
		long nodeId = nodeIds(session, envName, "cp").get(0);

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName, "nodeId",
				nodeId, "tag", pushed.toString(), "login", registry.login(), "password", registry.password());

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(node(session, envName, nodeId).get("image").asString()).isEqualTo(pushed.repository());
		assertThat(exec(session, envName, nodeId, "cat /opt/app/VERSION /tmp/mine")).isEqualTo("2\nmine\n");
		deleteEnvironment(session, envName);
	}

	@Test
	void aWrongPasswordFailsTheCallWithTheNodeUntouched() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = single(session, "wrongpw");
		long nodeId = nodeIds(session, envName, "cp").get(0);
		String container = node(session, envName, nodeId).get("containerId").asString();

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName, "nodeId",
				nodeId, "tag", pushed.toString(), "login", registry.login(), "password", "not-the-password");

		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.result()).isEqualTo(511);
		assertThat(answer.body()).doesNotContain("not-the-password");
		assertThat(node(session, envName, nodeId).get("containerId").asString()).isEqualTo(container);
		assertThat(exec(session, envName, nodeId, "cat /opt/app/VERSION /tmp/mine")).isEqualTo("1\nmine\n");
		deleteEnvironment(session, envName);
	}

	@Test
	void aTagTheRegistryDoesNotHaveFailsTheCallWithTheNodeUntouched() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = single(session, "notag");
		long nodeId = nodeIds(session, envName, "cp").get(0);
		String container = node(session, envName, nodeId).get("containerId").asString();

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName, "nodeId",
				nodeId, "tag", registry.address() + "/team/app:9.9", "login", registry.login(), "password",
				registry.password());

		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.result()).isEqualTo(510);
		assertThat(node(session, envName, nodeId).get("containerId").asString()).isEqualTo(container);
		assertThat(node(session, envName, nodeId).get("tag").asString()).isEqualTo("1");
		deleteEnvironment(session, envName);
	}

	@Test
	void aNewContainerThatFailsItsHealthCheckIsRolledBack() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = single(session, "unhealthy");
		long nodeId = nodeIds(session, envName, "cp").get(0);

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName, "nodeId",
				nodeId, "tag", "unhealthy");

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.json().get("responses").get(0).get("outcome").asString()).isEqualTo("ROLLED_BACK");
		assertThat(answer.json().get("responses").get(0).get("error").asString()).containsIgnoringCase("health");
		assertThat(node(session, envName, nodeId).get("tag").asString()).isEqualTo("1");
		assertThat(exec(session, envName, nodeId, "cat /opt/app/VERSION /tmp/mine")).isEqualTo("1\nmine\n");
		deleteEnvironment(session, envName);
	}

	private String single(String session, String prefix) {
		String envName = createEnvironment(session, prefix,
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		long nodeId = nodeIds(session, envName, "cp").get(0);
		exec(session, envName, nodeId, "echo mine > /tmp/mine; echo /tmp/mine >> /etc/jelastic/redeploy.conf");
		return envName;
	}

}
