package io.redeploy.app.system;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Version;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** gethosts: the engine as the operator sees it, and nothing of it for an ordinary user. */
class SystemAdminApiIT extends ServiceIT {

	private static final String GETHOSTS = "system/admin/rest/gethosts";

	@Test
	void anAdministratorSeesTheEngineAndCountsOfTheServicesOwnObjects() {
		String alice = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(alice, "hosts", List.of(Map.of("nodeGroup", "cp", "count", 2, "image",
				TestImages.APP_1.toString(), "volumes", List.of("/data"))));
		String admin = this.api.signIn(ADMIN, ADMIN_PASSWORD);

		Answer answer = this.api.post(GETHOSTS, "session", admin);

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.result()).isZero();
		JsonNode host = answer.json().get("hosts").get(0);
		Version version = TestDocker.client().versionCmd().exec();
		assertThat(host.get("version").asString()).isEqualTo(version.getVersion());
		assertThat(host.get("apiVersion").asString()).isEqualTo(version.getApiVersion());
		assertThat(host.get("os").asString()).isEqualTo(version.getOperatingSystem());
		assertThat(host.get("architecture").asString()).isEqualTo(version.getArch());
		// other tests may run environments too: at least this one's two nodes, two volumes and one network
		assertThat(host.get("containers").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(host.get("volumes").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(host.get("networks").asInt()).isGreaterThanOrEqualTo(1);
		deleteEnvironment(alice, envName);
	}

	@Test
	void anOrdinaryUserIsRefused() {
		String bob = this.api.signIn(BOB, PASSWORD);

		Answer answer = this.api.post(GETHOSTS, "session", bob);

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.result()).isEqualTo(703);
		assertThat(answer.error()).isEqualTo("Only an administrator may list the Docker hosts");
		assertThat(answer.json().has("hosts")).isFalse();
	}

	@Test
	void noSessionIsRefused() {
		Answer answer = this.api.post(GETHOSTS);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.result()).isEqualTo(701);
	}

}
