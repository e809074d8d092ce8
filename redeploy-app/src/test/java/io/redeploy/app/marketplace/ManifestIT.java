package io.redeploy.app.marketplace;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** marketplace/jps/install with cloud-scripting manifests, on a real two-layer environment. */
class ManifestIT extends ServiceIT {

	private static final String INSTALL = "marketplace/jps/rest/install";

	@Test
	void theManifestOfTheIssueMovesBothLayersToTheNewVersionKeepingTheirData() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = twoLayers(session, "jps");
		long cp = nodeIds(session, envName, "cp").get(0);
		long sqldb = nodeIds(session, envName, "sqldb").get(0);
		putData(session, envName, cp, "cp-data");
		putData(session, envName, sqldb, "db-data");

		Answer answer = this.api.post(INSTALL, "session", session, "envName", envName, "jps", ManifestParserTests.ISSUE_MANIFEST);

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode response = answer.json();
		assertThat(response.get("result").asInt()).isZero();
		assertThat(response.get("name").asString()).isEqualTo("Roll my layer");
		assertThat(response.get("responses")).hasSize(2);
		JsonNode first = response.get("responses").get(0);
		assertThat(first.get("action").asString()).isEqualTo("environment.control.RedeployContainers");
		assertThat(first.get("result").asInt()).isZero();
		assertThat(first.get("response").get("responses").get(0).get("nodeid").asLong()).isEqualTo(cp);
		JsonNode second = response.get("responses").get(1).get("response").get("responses").get(0);
		assertThat(second.get("nodeid").asLong()).isEqualTo(sqldb);
		assertThat(second.get("newImage").asString()).isEqualTo(TestImages.APP_2.toString());
		for (long node : List.of(cp, sqldb)) {
			assertThat(node(session, envName, node).get("tag").asString()).isEqualTo("2");
			assertThat(exec(session, envName, node, "cat /opt/app/VERSION")).isEqualTo("2\n");
		}
		assertThat(exec(session, envName, cp, "cat /opt/keep/file.txt /data/volume.txt")).isEqualTo("cp-data\ncp-data\n");
		assertThat(exec(session, envName, sqldb, "cat /opt/keep/file.txt /data/volume.txt")).isEqualTo("db-data\ndb-data\n");
		deleteEnvironment(session, envName);
	}

	@Test
	void aFailingActionStopsTheManifestBeforeTheNextOne() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = twoLayers(session, "jpsfail");
		long cp = nodeIds(session, envName, "cp").get(0);
		long sqldb = nodeIds(session, envName, "sqldb").get(0);
		String manifest = """
				type: update
				name: Broken first
				settings:
				  newTag: "2"
				onInstall:
				  - api: environment.control.RedeployContainers
				    nodeGroup: cp
				    tag: broken
				  - api: environment.control.RedeployContainers
				    nodeId: "{nodes.sqldb.first.id}"
				    tag: ${settings.newTag}
				""";

		Answer answer = this.api.post(INSTALL, "session", session, "envName", envName, "jps", manifest);

		assertThat(answer.status()).as(answer.body()).isEqualTo(500);
		assertThat(answer.result()).isEqualTo(600);
		assertThat(answer.error()).contains("onInstall[1]");
		assertThat(answer.json().get("responses")).hasSize(1);
		JsonNode failed = answer.json().get("responses").get(0);
		assertThat(failed.get("result").asInt()).isEqualTo(600);
		assertThat(failed.get("response").get("responses").get(0).get("outcome").asString()).isEqualTo("ROLLED_BACK");
		assertThat(exec(session, envName, cp, "cat /opt/app/VERSION")).isEqualTo("1\n");
		assertThat(node(session, envName, sqldb).get("tag").asString()).isEqualTo("1");
		assertThat(backups(session, envName, sqldb)).isEmpty();
		deleteEnvironment(session, envName);
	}

	@Test
	void anUnknownActionIsRefusedBeforeAnythingRuns() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = twoLayers(session, "jpsunknown");
		long cp = nodeIds(session, envName, "cp").get(0);
		String manifest = """
				type: update
				onInstall:
				  - api: environment.control.RedeployContainers
				    nodeGroup: cp
				    tag: 2
				  - api: environment.control.DeleteEnv
				""";

		Answer answer = this.api.post(INSTALL, "session", session, "envName", envName, "jps", manifest);

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.result()).isEqualTo(100);
		assertThat(answer.error()).contains("unknown action 'environment.control.DeleteEnv'");
		assertNothingTouched(session, envName, cp);
		deleteEnvironment(session, envName);
	}

	@Test
	void anUnknownPlaceholderOrNodeIsRefusedBeforeAnythingRuns() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = twoLayers(session, "jpsplace");
		long cp = nodeIds(session, envName, "cp").get(0);
		String unknownPlaceholder = ManifestParserTests.ISSUE_MANIFEST.replace("nodes.sqldb", "nodes.bl");
		String unknownGroup = """
				type: update
				onInstall:
				  - api: environment.control.RedeployContainers
				    nodeGroup: cp
				    tag: 2
				  - api: environment.control.RollbackContainers
				    nodeGroup: bl
				""";

		Answer placeholder = this.api.post(INSTALL, "session", session, "envName", envName, "jps", unknownPlaceholder);
		Answer group = this.api.post(INSTALL, "session", session, "envName", envName, "jps", unknownGroup);
		Answer malformed = this.api.post(INSTALL, "session", session, "envName", envName, "jps", "type: [update");

		assertThat(placeholder.status()).as(placeholder.body()).isEqualTo(400);
		assertThat(placeholder.error()).contains("unknown placeholder '${nodes.bl.first.id}'");
		assertThat(group.status()).as(group.body()).isEqualTo(404);
		assertThat(group.error()).contains("onInstall[2]", "node group bl");
		assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
		assertThat(malformed.error()).contains("not valid YAML or JSON");
		assertNothingTouched(session, envName, cp);
		deleteEnvironment(session, envName);
	}

	@Test
	void anotherUsersEnvironmentIsRefused() {
		String alice = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(alice, "jpsowner",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		String bob = this.api.signIn(BOB, PASSWORD);

		Answer answer = this.api.post(INSTALL, "session", bob, "envName", envName, "jps",
				"type: update\nonInstall:\n  - api: environment.control.RestartNodes\n    nodeGroup: cp\n");
		Answer anonymous = this.api.post(INSTALL, "envName", envName, "jps", "type: update");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(anonymous.status()).isEqualTo(401);
		deleteEnvironment(alice, envName);
	}

	private void assertNothingTouched(String session, String envName, long cp) {
		assertThat(node(session, envName, cp).get("tag").asString()).isEqualTo("1");
		assertThat(backups(session, envName, cp)).isEmpty();
		assertThat(this.api.get(CONTROL + "getoperations", "session", session, "envName", envName).json()).isEmpty();
	}

	private JsonNode backups(String session, String envName, long nodeId) {
		return this.api.get(CONTROL + "getbackups", "session", session, "envName", envName, "nodeId", nodeId)
			.json()
			.get("backups");
	}

	private String twoLayers(String session, String prefix) {
		return createEnvironment(session, prefix, List.of(
				Map.of("nodeGroup", "sqldb", "image", TestImages.APP_1.toString(), "volumes", List.of("/data")),
				Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString(), "volumes", List.of("/data"))));
	}

	private void putData(String session, String envName, long nodeId, String data) {
		exec(session, envName, nodeId, "mkdir -p /opt/keep; echo " + data + " > /opt/keep/file.txt; echo " + data
				+ " > /data/volume.txt; echo /opt/keep/file.txt >> /etc/jelastic/redeploy.conf");
	}

}
