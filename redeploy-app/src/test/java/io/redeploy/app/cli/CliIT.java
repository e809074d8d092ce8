package io.redeploy.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.redeploy.app.support.ServiceIT;
import io.redeploy.cli.Cli;
import io.redeploy.core.redeploy.RedeployStep;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** The jelastic command against the running service, the way a pipeline runs it. */
class CliIT extends ServiceIT {

	@TempDir
	Path home;

	private Map<String, String> env;

	@BeforeEach
	void pointTheCliAtTheService() {
		this.env = Map.of("HOME", this.home.toString(), "REDEPLOY_URL", "http://127.0.0.1:" + port());
	}

	@Test
	void signInThenRedeployALayerShowingEachNodeProgressAndKeepingItsData() throws Exception {
		Run signin = jelastic("users", "authentication", "signin", "--login", ALICE, "--password", PASSWORD);
		assertThat(signin.exit()).as(signin.toString()).isZero();
		Path sessionFile = this.home.resolve(".config/redeploy/session");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionFile))).isEqualTo("rw-------");
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "cli", List.of(Map.of("nodeGroup", "cp", "image",
				TestImages.APP_1.toString(), "volumes", List.of("/data"))));
		long cp = nodeIds(session, envName, "cp").get(0);
		exec(session, envName, cp, "mkdir -p /opt/keep; echo listed-file > /opt/keep/file.txt;"
				+ " echo /opt/keep/file.txt >> /etc/jelastic/redeploy.conf; echo volume-data > /data/volume.txt");

		Run redeploy = jelastic("environment", "control", "redeploycontainers", "--envName", envName, "--nodeGroup", "cp",
				"--tag", "2", "--sequential", "--delay", "0");

		assertThat(redeploy.exit()).as(redeploy.toString()).isZero();
		List<String> lines = redeploy.outLines();
		List<String> nodeLines = lines.stream().filter((line) -> line.startsWith("node " + cp + "  ")).toList();
		assertThat(nodeLines).as(redeploy.toString()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(nodeLines.get(nodeLines.size() - 1)).matches("node " + cp
				+ "  SUCCESS  redeploy-test/app:1 -> redeploy-test/app:2  \\(\\d+ archives?, \\d+\\.\\d s, unavailable \\d+\\.\\d\\d s\\)");
		assertThat(stepsOf(nodeLines.subList(0, nodeLines.size() - 1))).as(redeploy.toString()).isSorted();
		assertThat(lines.get(lines.size() - 1)).startsWith("Done: 1 of 1 nodes succeeded");
		assertThat(exec(session, envName, cp, "cat /opt/app/VERSION")).isEqualTo("2\n");
		assertThat(exec(session, envName, cp, "cat /opt/keep/file.txt")).isEqualTo("listed-file\n");
		assertThat(exec(session, envName, cp, "cat /data/volume.txt")).isEqualTo("volume-data\n");

		Run info = jelastic("getenvinfo", "--envName", envName);
		assertThat(info.exit()).as(info.toString()).isZero();
		assertThat(JsonMapper.builder().build().readTree(info.out()).get("nodes").get(0).get("tag").asString()).isEqualTo("2");

		Run rollback = jelastic("rollbackcontainers", "--envName", envName, "--nodeId", String.valueOf(cp), "--json");
		assertThat(rollback.exit()).as(rollback.toString()).isZero();
		JsonNode answer = JsonMapper.builder().build().readTree(rollback.out());
		assertThat(answer.get("result").asInt()).isZero();
		assertThat(answer.get("responses").get(0).get("newImage").asString()).isEqualTo(TestImages.APP_1.toString());
		assertThat(exec(session, envName, cp, "cat /opt/app/VERSION /opt/keep/file.txt")).isEqualTo("1\nlisted-file\n");
		deleteEnvironment(session, envName);
	}

	@Test
	void aFailedRedeployExitsOneAndSaysWhy() {
		assertThat(jelastic("signin", "--login", ALICE, "--password", PASSWORD).exit()).isZero();
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "clifail",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		long cp = nodeIds(session, envName, "cp").get(0);

		Run redeploy = jelastic("redeploycontainers", "--envName", envName, "--nodeGroup", "cp", "--tag", "broken");

		assertThat(redeploy.exit()).as(redeploy.toString()).isEqualTo(1);
		assertThat(redeploy.outLines()).anySatisfy((line) -> assertThat(line).startsWith("node " + cp + "  ROLLED_BACK  at "));
		assertThat(redeploy.outLines()).last().asString().startsWith("Failed: 0 of 1 nodes succeeded");
		assertThat(redeploy.err()).contains("1 of 1 nodes did not succeed", "(result 600)");
		assertThat(exec(session, envName, cp, "cat /opt/app/VERSION")).isEqualTo("1\n");
		deleteEnvironment(session, envName);
	}

	@Test
	void anErrorOfTheServiceExitsOneWithItsErrorOnStandardError() {
		assertThat(jelastic("signin", "--login", ALICE, "--password", PASSWORD).exit()).isZero();

		Run missing = jelastic("getenvinfo", "--envName", "no-such-env");

		assertThat(missing.exit()).isEqualTo(1);
		assertThat(missing.err()).contains("Environment 'no-such-env' does not exist", "(result 404)");
		assertThat(missing.out()).isEmpty();
	}

	@Test
	void withoutASessionTheServiceRefusesAndTheCliSaysHowToSignIn() {
		Run refused = jelastic("getenvs");

		assertThat(refused.exit()).isEqualTo(1);
		assertThat(refused.err()).contains("(result 701)", "jelastic signin");
	}

	@Test
	void aWrongPasswordExitsOneAndSavesNothing() {
		Run signin = jelastic("signin", "--login", ALICE, "--password", "wrong");

		assertThat(signin.exit()).isEqualTo(1);
		assertThat(signin.err()).contains("(result 702)");
		assertThat(this.home.resolve(".config/redeploy/session")).doesNotExist();
	}

	@Test
	void aUsageErrorExitsTwoWithTheUsageText() {
		Run usage = jelastic("redeploy", "--envName", "shop");

		assertThat(usage.exit()).isEqualTo(2);
		assertThat(usage.err()).contains("Unknown command 'redeploy'", "Usage: jelastic");
		assertThat(usage.out()).isEmpty();
	}

	private static List<Integer> stepsOf(List<String> lines) {
		List<Integer> steps = new ArrayList<>();
		for (String line : lines) {
			steps.add(RedeployStep.valueOf(line.substring(line.lastIndexOf(' ') + 1)).ordinal());
		}
		return steps;
	}

	private Run jelastic(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), this.env);
		return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private record Run(int exit, String out, String err) {

		List<String> outLines() {
			return this.out.lines().toList();
		}

	}

}
