package io.redeploy.app.redeploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.redeploy.app.support.ApiClient.Answer;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.docker.testing.TestImages;
import io.redeploy.docker.testing.TestRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registry passwords are used for the pull and nowhere else: after a redeploy with one (and a refused
 * one), neither is in any text column of the database, any file under the data directory (archives
 * and manifests unpacked, the database's own files included), any HTTP answer, or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class RegistrySecretsIT extends ServiceIT {

	private static TestRegistry registry;

	private static ImageRef pushed;

	@Autowired
	private JdbcClient jdbc;

	@Value("${redeploy.data-dir}")
	private Path dataDir;

	@BeforeAll
	static void startRegistry() {
		TestImages.ensureBuilt();
		registry = TestRegistry.start();
		pushed = registry.push(TestImages.APP_2, "team/secret-app", "2.0");
	}

	@AfterAll
	static void stopRegistry() {
		registry.close();
	}

	@Test
	void theRegistryPasswordIsWrittenNowhere(CapturedOutput output) throws IOException {
		String wrongPassword = "wrong-" + UUID.randomUUID();
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "secret",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		long nodeId = nodeIds(session, envName, "cp").get(0);
		exec(session, envName, nodeId, "echo mine > /tmp/mine; echo /tmp/mine >> /etc/jelastic/redeploy.conf");
		List<Answer> answers = new ArrayList<>();

		Answer refused = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName, "nodeId",
				nodeId, "tag", pushed.toString(), "login", registry.login(), "password", wrongPassword);
		Answer redeployed = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName,
				"nodeId", nodeId, "tag", pushed.toString(), "login", registry.login(), "password", registry.password());
		answers.add(refused);
		answers.add(redeployed);
		String operationId = redeployed.json().get("operationId").asString();
		answers.add(this.api.post(CONTROL + "getoperation", "session", session, "operationId", operationId));
		answers.add(this.api.post(CONTROL + "getoperations", "session", session, "envName", envName));
		answers.add(this.api.post(CONTROL + "getenvinfo", "session", session, "envName", envName));
		answers.add(this.api.post(CONTROL + "getbackups", "session", session, "envName", envName, "nodeId", nodeId));

		assertThat(refused.result()).as(refused.body()).isEqualTo(511);
		assertThat(redeployed.status()).as(redeployed.body()).isEqualTo(200);
		assertThat(exec(session, envName, nodeId, "cat /opt/app/VERSION /tmp/mine")).isEqualTo("2\nmine\n");
		assertThat(output.getAll()).as("the log is captured").contains("Pulling " + pushed + " as " + registry.login());
		for (String secret : List.of(registry.password(), wrongPassword)) {
			assertThat(textColumns()).as("database").noneSatisfy((value) -> assertThat(value).contains(secret));
			assertThat(filesContaining(secret)).as("files under " + this.dataDir).isEmpty();
			assertThat(answers).as("HTTP answers").noneSatisfy((answer) -> assertThat(answer.body()).contains(secret));
			assertThat(output.getAll()).as("log").doesNotContain(secret);
		}
		assertThat(manifests()).as("manifests were searched").isNotEmpty();
		deleteEnvironment(session, envName);
	}

	/** Every value of every text or JSON column of every table of the service's schema. */
	private List<String> textColumns() {
		List<Map<String, Object>> columns = this.jdbc.sql("""
				select table_name, column_name from information_schema.columns
				where table_schema = current_schema()
				  and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')""").query().listOfRows();
		assertThat(columns).isNotEmpty();
		List<String> values = new ArrayList<>();
		for (Map<String, Object> column : columns) {
			String sql = "select \"" + column.get("column_name") + "\"::text from \"" + column.get("table_name") + "\"";
			this.jdbc.sql(sql).query(String.class).list().stream().filter((value) -> value != null).forEach(values::add);
		}
		return values;
	}

	/** Files under the data directory that hold the secret, gzip archives read unpacked. */
	private List<Path> filesContaining(String secret) throws IOException {
		byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			return files.filter(Files::isRegularFile).filter((file) -> contains(file, needle)).toList();
		}
	}

	private List<Path> manifests() throws IOException {
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			return files.filter((file) -> file.getFileName().toString().equals("manifest.json")).toList();
		}
	}

	private static boolean contains(Path file, byte[] needle) {
		try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
				: Files.newInputStream(file)) {
			String content = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			return content.contains(new String(needle, StandardCharsets.ISO_8859_1));
		}
		catch (IOException ex) {
			// a file the database is rewriting or has just removed
			return false;
		}
	}

}
