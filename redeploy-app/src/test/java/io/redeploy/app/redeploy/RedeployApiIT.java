package io.redeploy.app.redeploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RedeployContainers on one node, as curl would call it: every byte promised is still there, the
 * node's settings are re-applied, and the previous version is one call away.
 */
class RedeployApiIT extends ServiceIT {

	private static final String CUSTOM_INI = "version=1\ncustom=yes\n";

	@Test
	void redeployKeepsThePromisedDataReappliesSettingsAndCanBeRolledBack() throws Exception {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = twoLayerEnvironment(session);
		long cp = nodeIds(session, envName, "cp").get(0);
		putCustomData(session, envName, cp);

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName, "nodeId",
				cp, "tag", "2");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode response = answer.json();
		assertThat(response.get("result").asInt()).isZero();
		assertThat(response.get("operationId").asString()).isNotBlank();
		JsonNode nodeResponse = response.get("responses").get(0);
		assertThat(nodeResponse.get("nodeid").asLong()).isEqualTo(cp);
		assertThat(nodeResponse.get("outcome").asString()).isEqualTo("SUCCESS");
		assertThat(nodeResponse.get("oldImage").asString()).isEqualTo(TestImages.APP_1.toString());
		assertThat(nodeResponse.get("newImage").asString()).isEqualTo(TestImages.APP_2.toString());
		assertThat(nodeResponse.get("durations").has("archive")).isTrue();
		assertArchivesAreOnTheHostAsReported(nodeResponse.get("archives"));

		assertThat(exec(session, envName, cp, "cat /opt/app/VERSION")).isEqualTo("2\n");
		assertThat(exec(session, envName, cp, "ls /opt/app")).contains("only-in-2.txt").doesNotContain("only-in-1.txt");
		assertThat(exec(session, envName, cp, "test -e /opt/unlisted.txt && echo present || echo gone")).isEqualTo("gone\n");
		assertThat(exec(session, envName, cp, "cat /var/lib/jelastic/custom/state.txt")).isEqualTo("jelastic-data\n");
		assertThat(exec(session, envName, cp, "cat /data/volume.txt")).isEqualTo("volume-data\n");
		assertThat(exec(session, envName, cp, "cat /opt/keep/file.txt")).isEqualTo("listed-file\n");
		assertThat(exec(session, envName, cp, "cat /srv/site/a/b/page.html; stat -c %a /srv/site/a/b/page.html"))
			.isEqualTo("<h1>listed dir</h1>\n640\n");
		assertThat(exec(session, envName, cp, "readlink /srv/site/current")).isEqualTo("a/b\n");
		assertThat(exec(session, envName, cp, "cat /root/notes.txt")).isEqualTo("home-notes\n");
		assertThat(exec(session, envName, cp, "cat /root/.bash_profile")).isEqualTo("export PS1=custom\n");
		assertThat(exec(session, envName, cp, "cat /etc/app/app.ini")).isEqualTo("version=2\n");
		assertThat(exec(session, envName, cp, "cat /etc/app/app.ini.backup")).isEqualTo(CUSTOM_INI);
		assertThat(exec(session, envName, cp, "cat /etc/jelastic/redeploy.conf")).contains("/opt/keep/file.txt",
				"/srv/site", "${home}/notes.txt", "/etc/app/app.ini backup");
		assertThat(exec(session, envName, cp, "echo $GREETING $APP_VERSION $IMAGE_ONLY")).isEqualTo("hello 2 from-image-2\n");
		assertThat(exec(session, envName, cp, "cat /tmp/custom-cmd-ran")).isEqualTo("2\n");
		assertThat(exec(session, envName, cp, "ping -c1 -W2 db > /dev/null && echo reachable")).isEqualTo("reachable\n");
		JsonNode node = node(session, envName, cp);
		assertThat(node.get("tag").asString()).isEqualTo("2");
		assertThat(node.get("ports")).anySatisfy((port) -> assertThat(port.get("containerPort").asInt()).isEqualTo(8080));

		JsonNode backups = this.api.get(CONTROL + "getbackups", "session", session, "envName", envName, "nodeId", cp)
			.json()
			.get("backups");
		assertThat(backups).hasSize(1);
		assertThat(backups.get(0).get("image").asString()).isEqualTo(TestImages.APP_1.toString());
		assertThat(backups.get(0).get("size").asLong()).isPositive();

		Answer rollback = this.api.post(CONTROL + "rollbackcontainers", "session", session, "envName", envName,
				"nodeId", cp);
		assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
		assertThat(exec(session, envName, cp, "cat /opt/app/VERSION")).isEqualTo("1\n");
		assertThat(exec(session, envName, cp, "cat /opt/unlisted.txt")).isEqualTo("unlisted\n");
		assertThat(exec(session, envName, cp, "cat /data/volume.txt")).isEqualTo("volume-data\n");
		assertThat(exec(session, envName, cp, "echo $APP_VERSION")).isEqualTo("1\n");
		assertThat(node(session, envName, cp).get("tag").asString()).isEqualTo("1");

		deleteEnvironment(session, envName);
	}

	@Test
	void withoutExistingVolumesTheNewContainerGetsFreshVolumesAndTheOldDataIsArchived() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "fresh", List.of(Map.of("nodeGroup", "cp", "image",
				TestImages.APP_1.toString(), "volumes", List.of("/data"))));
		long cp = nodeIds(session, envName, "cp").get(0);
		exec(session, envName, cp, "echo old-volume > /data/volume.txt");

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName,
				"nodeGroup", "cp", "tag", "2", "useExistingVolumes", "false");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("responses").get(0).get("archives"))
			.anySatisfy((archive) -> {
				assertThat(archive.get("kind").asString()).isEqualTo("VOLUME");
				assertThat(archive.get("path").asString()).isEqualTo("/data");
			});
		assertThat(exec(session, envName, cp, "ls -A /data | wc -l")).isEqualTo("0\n");
		assertThat(exec(session, envName, cp, "cat /opt/app/VERSION")).isEqualTo("2\n");
		deleteEnvironment(session, envName);
	}

	@Test
	void skipReinstallMergesTheNewImageIntoTheExistingFileSystem() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "merge",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		long cp = nodeIds(session, envName, "cp").get(0);
		exec(session, envName, cp, "echo mine > /opt/only-in-old-container.txt; printf '" + CUSTOM_INI
				+ "' > /etc/app/app.ini; echo '/etc/app/app.ini backup' >> /etc/jelastic/redeploy.conf");

		Answer answer = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName, "nodeId",
				cp, "tag", "2", "skipReinstall", "true");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(exec(session, envName, cp, "cat /opt/only-in-old-container.txt")).isEqualTo("mine\n");
		assertThat(exec(session, envName, cp, "cat /opt/app/only-in-2.txt > /dev/null && cat /opt/app/VERSION"))
			.isEqualTo("2\n");
		assertThat(exec(session, envName, cp, "cat /etc/app/app.ini")).isEqualTo("version=2\n");
		assertThat(exec(session, envName, cp, "cat /etc/app/app.ini.backup")).isEqualTo(CUSTOM_INI);
		assertThat(exec(session, envName, cp, "echo $APP_VERSION")).isEqualTo("2\n");
		deleteEnvironment(session, envName);
	}

	@Test
	void restoreBackupPutsTheNodeBackOnTheChosenSnapshot() {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "restore",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		long cp = nodeIds(session, envName, "cp").get(0);
		exec(session, envName, cp, "echo v1-state > /opt/state.txt");
		Answer redeployed = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName,
				"nodeId", cp, "tag", "2");
		assertThat(redeployed.status()).as(redeployed.body()).isEqualTo(200);
		String backupId = this.api.get(CONTROL + "getbackups", "session", session, "envName", envName, "nodeId", cp)
			.json().get("backups").get(0).get("id").asString();

		Answer restored = this.api.post(CONTROL + "restorebackup", "session", session, "envName", envName, "nodeId", cp,
				"backupId", backupId);

		assertThat(restored.status()).as(restored.body()).isEqualTo(200);
		assertThat(exec(session, envName, cp, "cat /opt/app/VERSION /opt/state.txt")).isEqualTo("1\nv1-state\n");
		Answer unknown = this.api.post(CONTROL + "restorebackup", "session", session, "envName", envName, "nodeId", cp,
				"backupId", "no-such-backup");
		assertThat(unknown.status()).isEqualTo(404);
		deleteEnvironment(session, envName);
	}

	private String twoLayerEnvironment(String session) {
		return createEnvironment(session, "redeploy", List.of(
				Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString(), "env", Map.of("GREETING", "hello"),
						"ports", List.of(8080), "volumes", List.of("/data"), "links", List.of("sqldb:db"), "cmd",
						"trap 'exit 0' TERM; echo $APP_VERSION > /tmp/custom-cmd-ran; while true; do sleep 1 & wait $!; done"),
				Map.of("nodeGroup", "sqldb", "image", TestImages.APP_1.toString())));
	}

	private void putCustomData(String session, String envName, long cp) {
		exec(session, envName, cp, String.join("; ",
				"mkdir -p /var/lib/jelastic/custom /opt/keep /srv/site/a/b",
				"echo jelastic-data > /var/lib/jelastic/custom/state.txt",
				"echo volume-data > /data/volume.txt",
				"echo listed-file > /opt/keep/file.txt",
				"echo '<h1>listed dir</h1>' > /srv/site/a/b/page.html; chmod 640 /srv/site/a/b/page.html",
				"ln -s a/b /srv/site/current",
				"echo home-notes > /root/notes.txt",
				"echo 'export PS1=custom' > /root/.bash_profile",
				"printf '" + CUSTOM_INI + "' > /etc/app/app.ini",
				"echo stale > /etc/app/app.ini.backup",
				"echo unlisted > /opt/unlisted.txt",
				"printf '# mine\\n/opt/keep/file.txt\\n/srv/site\\n${home}/notes.txt\\n/etc/app/app.ini backup\\n' >> /etc/jelastic/redeploy.conf"));
	}

	private static void assertArchivesAreOnTheHostAsReported(JsonNode archives) throws Exception {
		assertThat(archives).isNotEmpty();
		assertThat(archives).anySatisfy((archive) -> assertThat(archive.get("path").asString()).isEqualTo("/var/lib/jelastic"));
		assertThat(archives).anySatisfy((archive) -> assertThat(archive.get("kind").asString()).isEqualTo("BACKUP_FILE"));
		for (JsonNode archive : archives) {
			Path file = Path.of(archive.get("file").asString());
			assertThat(file).exists();
			assertThat(file.getFileName().toString()).endsWith(".tar.gz");
			assertThat(Files.size(file)).isEqualTo(archive.get("size").asLong());
			String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
			assertThat(sha256).isEqualTo(archive.get("sha256").asString());
		}
	}

}
