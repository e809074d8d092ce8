package io.redeploy.app.environment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import io.redeploy.app.support.ApiClient;
import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** An environment of two layers, {@code cp} ×2 linked to {@code sqldb} ×1, driven through the HTTP API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvironmentApiIT extends ServiceIT {

	private String session;

	private String envName;

	@BeforeAll
	void createTwoLayers() {
		connect();
		this.session = this.api.signIn(ALICE, PASSWORD);
		this.envName = createEnvironment(this.session, "shop", List.of(
				Map.of("nodeGroup", "cp", "count", 2, "image", TestImages.APP_1.toString(), "links", List.of("sqldb:db"),
						"env", Map.of("GREETING", "hello"), "ports", List.of(8080)),
				Map.of("nodeGroup", "sqldb", "image", TestImages.APP_1.toString(), "volumes", List.of("/var/lib/data"))));
	}

	@AfterAll
	void deleteTwoLayers() {
		deleteEnvironment(this.session, this.envName);
	}

	@Test
	void envInfoListsEveryNodeRunningItsImageWithAPublishedPort() {
		JsonNode info = this.api.get(CONTROL + "getenvinfo", "session", this.session, "envName", this.envName).json();
		assertThat(info.get("result").asInt()).isZero();
		assertThat(info.get("env").get("status").asString()).isEqualTo("RUNNING");
		JsonNode nodes = info.get("nodes");
		assertThat(nodes).hasSize(3);
		assertThat(nodes).allSatisfy((node) -> {
			assertThat(node.get("running").asBoolean()).isTrue();
			assertThat(node.get("image").asString()).isEqualTo(TestImages.APP_1.repository());
			assertThat(node.get("tag").asString()).isEqualTo(TestImages.APP_1.tag());
			assertThat(node.get("containerName").asString()).isEqualTo(this.envName + "-node" + node.get("id").asLong());
		});
		JsonNode cp = cpNodes().get(0);
		assertThat(cp.get("ports")).anySatisfy((port) -> {
			assertThat(port.get("containerPort").asInt()).isEqualTo(8080);
			assertThat(port.get("hostPort").asInt()).isPositive();
		});
	}

	@Test
	void nodesReachTheLinkedLayerByItsAliasAndByGroupName() {
		Answer answer = execByGroup("cp", "ping -c1 -W2 db && ping -c1 -W2 sqldb");
		assertThat(answer.json().get("responses")).hasSize(2)
			.allSatisfy((out) -> assertThat(out.get("exitStatus").asInt()).as(out.toString()).isZero());
	}

	@Test
	void everyNodeGetsTheDefaultRedeployConfWithTheObligatoryEntries() {
		String conf = this.api.post("environment/file/rest/read", "session", this.session, "envName", this.envName,
				"nodeGroup", "sqldb", "path", "/etc/jelastic/redeploy.conf").json().get("body").asString();
		assertThat(conf).contains("/etc/jelastic/redeploy.conf", "${home}/.bash_profile", "/etc/sysconfig/iptables",
				"/etc/sysconfig/iptables-custom", "/var/lib/jelastic/keys");
	}

	@Test
	void execRunsEachCommandOnEachNodeOfAGroupAndReportsOutputAndStatus() {
		String commands = ApiClient.json(List.of(Map.of("command", "echo", "params", "$GREETING from $(hostname)"),
				Map.of("command", "sh", "params", "-c 'echo oops >&2; exit 7'")));
		JsonNode responses = this.api
			.post(CONTROL + "execcmdbygroup", "session", this.session, "envName", this.envName, "nodeGroup", "cp",
					"commandList", commands)
			.json()
			.get("responses");
		assertThat(responses).hasSize(4);
		assertThat(responses.get(0).get("out").asString()).startsWith("hello from node");
		assertThat(responses.get(1).get("errOut").asString()).contains("oops");
		assertThat(responses.get(1).get("exitStatus").asInt()).isEqualTo(7);
	}

	@Test
	void aFileWrittenThroughTheApiIsReadBackFromTheNode() {
		long nodeId = cpNodes().get(1).get("id").asLong();
		Answer written = this.api.post("environment/file/rest/write", "session", this.session, "envName", this.envName,
				"nodeId", nodeId, "path", "/opt/custom/settings.conf", "body", "colour=blue\nsize=42\n");
		assertThat(written.status()).as(written.body()).isEqualTo(200);
		Answer read = this.api.get("environment/file/rest/read", "session", this.session, "envName", this.envName,
				"nodeId", nodeId, "path", "/opt/custom/settings.conf");
		assertThat(read.json().get("body").asString()).isEqualTo("colour=blue\nsize=42\n");
		Answer cat = execById(nodeId, "cat /opt/custom/settings.conf");
		assertThat(cat.json().get("responses").get(0).get("out").asString()).contains("size=42");
	}

	@Test
	void envVarsSetThroughTheApiAreSeenInsideTheRecreatedContainerAndVolumeDataSurvives() {
		long nodeId = this.api.get(CONTROL + "getenvinfo", "session", this.session, "envName", this.envName)
			.json()
			.get("nodes")
			.valueStream()
			.filter((node) -> node.get("nodeGroup").asString().equals("sqldb"))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asLong();
		execById(nodeId, "echo precious > /var/lib/data/table.db");
		String containerBefore = node(nodeId).get("containerId").asString();

		Answer added = this.api.post(CONTROL + "addcontainerenvvars", "session", this.session, "envName", this.envName,
				"nodeId", nodeId, "vars", ApiClient.json(Map.of("DB_MODE", "replica", "APP_VERSION", "custom")));
		assertThat(added.status()).as(added.body()).isEqualTo(200);

		assertThat(node(nodeId).get("containerId").asString()).isNotEqualTo(containerBefore);
		String out = execById(nodeId, "echo $DB_MODE $APP_VERSION $IMAGE_ONLY; cat /var/lib/data/table.db").json()
			.get("responses").get(0).get("out").asString();
		assertThat(out).isEqualTo("replica custom from-image-1\nprecious\n");
		JsonNode vars = this.api.get(CONTROL + "getcontainerenvvars", "session", this.session, "envName", this.envName,
				"nodeId", nodeId).json().get("object");
		assertThat(vars.get("DB_MODE").asString()).isEqualTo("replica");
		assertThat(vars.get("IMAGE_ONLY").asString()).isEqualTo("from-image-1");

		Answer removed = this.api.post(CONTROL + "removecontainerenvvars", "session", this.session, "envName",
				this.envName, "nodeId", nodeId, "vars", ApiClient.json(List.of("DB_MODE", "APP_VERSION")));
		assertThat(removed.status()).as(removed.body()).isEqualTo(200);
		assertThat(execById(nodeId, "echo [$DB_MODE] $APP_VERSION").json().get("responses").get(0).get("out").asString())
			.isEqualTo("[] 1\n");
	}

	@Test
	void runConfigOverridesTheImageCommand() {
		long nodeId = cpNodes().get(0).get("id").asLong();
		Answer set = this.api.post(CONTROL + "setcontainerrunconfig", "session", this.session, "envName", this.envName,
				"nodeId", nodeId, "cmd", "trap 'exit 0' TERM; echo custom-cmd > /tmp/started; while true; do sleep 1 & wait $!; done");
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		assertThat(execById(nodeId, "cat /tmp/started").json().get("responses").get(0).get("out").asString())
			.isEqualTo("custom-cmd\n");
		JsonNode custom = node(nodeId).get("custom");
		assertThat(custom.get("cmd").get(0).asString()).isEqualTo("sh");
		assertThat(custom.get("links").get(0).asString()).isEqualTo("sqldb:db");
		assertThat(execById(nodeId, "ping -c1 -W2 db").json().get("responses").get(0).get("exitStatus").asInt()).isZero();
	}

	@Test
	void restartingANodeRestartsItsProcessesButKeepsItsContainerAndFiles() {
		long nodeId = cpNodes().get(1).get("id").asLong();
		String containerId = node(nodeId).get("containerId").asString();
		execById(nodeId, "echo still-here > /tmp/marker; sleep 1000 > /dev/null 2>&1 &");
		assertThat(out(execById(nodeId, "ps | grep -c '[s]leep 1000'"))).isEqualTo("1\n");

		Answer restarted = this.api.post(CONTROL + "restartnodes", "session", this.session, "envName", this.envName,
				"nodeId", nodeId);

		assertThat(restarted.status()).as(restarted.body()).isEqualTo(200);
		assertThat(restarted.json().get("nodes").get(0).get("running").asBoolean()).isTrue();
		assertThat(node(nodeId).get("containerId").asString()).isEqualTo(containerId);
		assertThat(out(execById(nodeId, "ps | grep -c '[s]leep 1000'"))).isEqualTo("0\n");
		assertThat(out(execById(nodeId, "cat /tmp/marker"))).isEqualTo("still-here\n");
	}

	private static String out(Answer answer) {
		return answer.json().get("responses").get(0).get("out").asString();
	}

	private List<JsonNode> cpNodes() {
		return this.api.get(CONTROL + "getenvinfo", "session", this.session, "envName", this.envName)
			.json()
			.get("nodes")
			.valueStream()
			.filter((node) -> node.get("nodeGroup").asString().equals("cp"))
			.toList();
	}

	private JsonNode node(long nodeId) {
		return this.api.get(CONTROL + "getenvinfo", "session", this.session, "envName", this.envName)
			.json()
			.get("nodes")
			.valueStream()
			.filter((node) -> node.get("id").asLong() == nodeId)
			.findFirst()
			.orElseThrow();
	}

	private Answer execById(long nodeId, String command) {
		Answer answer = this.api.post(CONTROL + "execcmdbyid", "session", this.session, "envName", this.envName, "nodeId",
				nodeId, "commandList", ApiClient.json(List.of(Map.of("command", command))));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer;
	}

	private Answer execByGroup(String nodeGroup, String command) {
		Answer answer = this.api.post(CONTROL + "execcmdbygroup", "session", this.session, "envName", this.envName,
				"nodeGroup", nodeGroup, "commandList", ApiClient.json(List.of(Map.of("command", command))));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer;
	}

}
