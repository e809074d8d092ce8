package io.redeploy.app.redeploy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.docker.testing.TestImages;
import io.redeploy.docker.testing.TestRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code getimagetags}: a registry's tags/list with basic authentication, else the engine's own tags. */
class ImageTagsIT extends ServiceIT {

	private static TestRegistry registry;

	private static ImageRef pushed;

	@BeforeAll
	static void startRegistry() {
		TestImages.ensureBuilt();
		registry = TestRegistry.start();
		pushed = registry.push(TestImages.APP_1, "team/tags", "1");
		registry.push(TestImages.APP_2, "team/tags", "2.0");
	}

	@AfterAll
	static void stopRegistry() {
		registry.close();
	}

	@Test
	void theTagsOfAPrivateRegistryAreListedWithLoginAndPassword() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "tags",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		// onto the registry's image (creating an environment pulls without credentials)
		Answer moved = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName, "nodeGroup",
				"cp", "tag", pushed.toString(), "login", registry.login(), "password", registry.password());
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);

		JsonNode withLogin = tags(session, envName, "login", registry.login(), "password", registry.password());
		JsonNode withoutLogin = tags(session, envName);

		assertThat(withLogin.get("source").asString()).isEqualTo("registry");
		assertThat(withLogin.get("repository").asString()).isEqualTo(pushed.repository());
		assertThat(withLogin.get("currentTag").asString()).isEqualTo("1");
		assertThat(strings(withLogin.get("tags"))).containsExactly("1", "2.0");
		assertThat(withoutLogin.get("source").asString()).isEqualTo("local");
		assertThat(withoutLogin.get("warning").asString()).contains("wants a login");
		assertThat(strings(withoutLogin.get("tags"))).contains("1");
		deleteEnvironment(session, envName);
	}

	@Test
	void anImageWithoutARegistryOfItsOwnGetsTheEngineTagsAndOnlyItsOwnerMayAsk() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "localtags",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));

		JsonNode local = tags(session, envName);
		Answer other = this.api.post(CONTROL + "getimagetags", "session", this.api.signIn(BOB, PASSWORD), "envName",
				envName, "nodeGroup", "cp");

		assertThat(local.get("source").asString()).isEqualTo("local");
		assertThat(strings(local.get("tags"))).contains("1", "2", "broken").isSorted();
		assertThat(other.status()).isEqualTo(403);
		deleteEnvironment(session, envName);
	}

	private JsonNode tags(String session, String envName, Object... login) {
		Object[] params = { "session", session, "envName", envName, "nodeGroup", "cp" };
		Object[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(params), java.util.Arrays.stream(login)).toArray();
		Answer answer = this.api.post(CONTROL + "getimagetags", all);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
