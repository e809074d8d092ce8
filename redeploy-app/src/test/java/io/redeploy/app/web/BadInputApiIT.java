package io.redeploy.app.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.redeploy.app.support.ApiClient;
import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear error in the API's format and changes nothing. */
class BadInputApiIT extends ServiceIT {

	private String session;

	@BeforeEach
	void signIn() {
		this.session = this.api.signIn(BOB, PASSWORD);
	}

	@Test
	void aMissingParameterIsNamed() {
		Answer answer = this.api.post(CONTROL + "getenvinfo", "session", this.session);
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.result()).isEqualTo(100);
		assertThat(answer.error()).isEqualTo("envName is required");
	}

	@Test
	void anEnvironmentNameThatIsNoDnsLabelIsRefusedAndNothingIsCreated() {
		Answer answer = create("Bad_Name;rm -rf /", List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).contains("envName").contains("not valid");
		assertThat(envNames()).doesNotContain("Bad_Name;rm -rf /");
	}

	@Test
	void malformedNodesJsonIsRefused() {
		Answer answer = this.api.post(CONTROL + "createenvironment", "session", this.session, "env",
				ApiClient.json(Map.of("shortdomain", uniqueEnvName("bad"))), "nodes", "[{\"nodeGroup\": ");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).startsWith("nodes is not valid JSON");
	}

	@Test
	void aLinkToAMissingLayerIsRefusedBeforeAnythingIsCreated() {
		String envName = uniqueEnvName("link");
		Answer answer = create(envName, List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString(), "links",
				List.of("nosuch:db"))));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).contains("links to 'nosuch'");
		assertThat(envNames()).doesNotContain(envName);
	}

	@Test
	void anImageThatDoesNotExistFailsTheCreationAndLeavesNothing() {
		String envName = uniqueEnvName("noimg");
		Answer answer = create(envName, List.of(Map.of("nodeGroup", "cp", "image", "127.0.0.1:1/nothing/here:1")));
		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.result()).isEqualTo(500);
		assertThat(answer.error()).contains("nothing/here");
		assertThat(envNames()).doesNotContain(envName);
	}

	@Test
	void anEnvironmentNameTakenByAnotherUserIsAConflict() {
		String alice = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(alice, "taken", List.of(Map.of("nodeGroup", "cp", "image",
				TestImages.APP_1.toString())));
		try {
			Answer second = create(envName, List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
			assertThat(second.status()).isEqualTo(409);
			assertThat(second.result()).isEqualTo(409);
			assertThat(envNames()).doesNotContain(envName);
		}
		finally {
			this.api.post(CONTROL + "deleteenv", "session", alice, "envName", envName);
		}
	}

	@Test
	void neitherNodeIdNorNodeGroupIsAnError() {
		Answer answer = this.api.post(CONTROL + "restartnodes", "session", this.session, "envName", "whatever");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("Either nodeId or nodeGroup is required");
	}

	@Test
	void aNonNumericNodeIdIsRefused() {
		Answer answer = this.api.post(CONTROL + "restartnodes", "session", this.session, "envName", "whatever", "nodeId",
				"12; drop table nodes");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("nodeId must be a whole number");
	}

	@Test
	void anUnknownMethodIsAnsweredInTheApiFormat() {
		Answer answer = this.api.get(CONTROL + "nosuchmethod", "session", this.session);
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.result()).isEqualTo(405);
	}

	@Test
	void anUnknownEnvironmentIsNotFound() {
		Answer answer = this.api.get(CONTROL + "getenvinfo", "session", this.session, "envName", "no-such-env");
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.error()).isEqualTo("Environment 'no-such-env' does not exist");
	}

	private Answer create(String envName, List<Map<String, Object>> nodes) {
		return this.api.post(CONTROL + "createenvironment", "session", this.session, "env",
				ApiClient.json(Map.of("shortdomain", envName)), "nodes", ApiClient.json(nodes));
	}

	private List<String> envNames() {
		return this.api.get(CONTROL + "getenvs", "session", this.session)
			.json()
			.get("infos")
			.valueStream()
			.map((env) -> env.get("envName").asString())
			.toList();
	}

}
