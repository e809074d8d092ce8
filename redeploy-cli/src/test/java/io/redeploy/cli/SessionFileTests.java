package io.redeploy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SessionFileTests {

	private static final String SESSION = "0123456789abcdef".repeat(4);

	@TempDir
	Path home;

	@Test
	void theDefaultFileIsInTheHomeConfigDirectory() {
		SessionFile file = SessionFile.locate(Optional.empty(), Map.of("HOME", this.home.toString()));

		assertThat(file.path()).isEqualTo(this.home.resolve(".config/redeploy/session"));
	}

	@Test
	void xdgConfigHomeMovesTheDefaultFile() {
		SessionFile file = SessionFile.locate(Optional.empty(),
				Map.of("HOME", "/nowhere", "XDG_CONFIG_HOME", this.home.toString()));

		assertThat(file.path()).isEqualTo(this.home.resolve("redeploy/session"));
	}

	@Test
	void theEnvironmentVariableWinsOverTheDefaultAndTheOptionOverBoth() {
		Map<String, String> env = Map.of("HOME", "/nowhere", "REDEPLOY_SESSION", "/from/env");

		assertThat(SessionFile.locate(Optional.empty(), env).path()).isEqualTo(Path.of("/from/env"));
		assertThat(SessionFile.locate(Optional.of("/from/option"), env).path()).isEqualTo(Path.of("/from/option"));
	}

	@Test
	void aWrittenSessionIsReadBackWithItsUrlAndLogin() {
		SessionFile file = new SessionFile(this.home.resolve(".config/redeploy/session"));

		file.write(new SessionFile.Saved("http://ci:8080", SESSION, "admin"));

		assertThat(file.read()).contains(new SessionFile.Saved("http://ci:8080", SESSION, "admin"));
	}

	@Test
	void onlyTheOwnerMayReadTheFileAndItsNewDirectory() throws Exception {
		SessionFile file = new SessionFile(this.home.resolve(".config/redeploy/session"));

		file.write(new SessionFile.Saved("http://ci:8080", SESSION, "admin"));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path().getParent())))
			.isEqualTo("rwx------");
	}

	@Test
	void aSecondSignInReplacesTheSessionAndANoisyFileBecomesPrivate() throws Exception {
		Path path = this.home.resolve("session");
		Files.writeString(path, "session=old\n");
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
		SessionFile file = new SessionFile(path);

		file.write(new SessionFile.Saved("http://a", SESSION, "alice"));

		assertThat(file.read()).map(SessionFile.Saved::session).contains(SESSION);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
	}

	@Test
	void noFileMeansNoSession() {
		assertThat(new SessionFile(this.home.resolve("missing")).read()).isEmpty();
	}

	@Test
	void aSessionGivenInPlaceOfAFileIsUsedAsIsForAnyService() {
		SessionFile file = SessionFile.locate(Optional.empty(), Map.of("REDEPLOY_SESSION", SESSION));

		assertThat(file.read()).hasValueSatisfying((saved) -> {
			assertThat(saved.session()).isEqualTo(SESSION);
			assertThat(saved.belongsTo("http://anywhere")).isTrue();
		});
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> file.write(new SessionFile.Saved("http://a", SESSION, "alice")));
	}

	@Test
	void aSessionIsNeverSentToAnotherServiceThanTheOneThatIssuedIt() {
		SessionFile.Saved saved = new SessionFile.Saved("http://ci:8080", SESSION, "admin");

		assertThat(saved.belongsTo("http://ci:8080")).isTrue();
		assertThat(saved.belongsTo("http://elsewhere:8080")).isFalse();
	}

	@Test
	void signOutRemovesTheFile() {
		SessionFile file = new SessionFile(this.home.resolve("session"));
		file.write(new SessionFile.Saved("http://a", SESSION, "alice"));

		file.delete();

		assertThat(file.path()).doesNotExist();
	}

	@Test
	void urlsWithColonsSurviveTheRoundTrip() {
		SessionFile file = new SessionFile(this.home.resolve("session"));

		file.write(new SessionFile.Saved("http://host:8080/base=x", SESSION, "a=b"));

		assertThat(file.read()).contains(new SessionFile.Saved("http://host:8080/base=x", SESSION, "a=b"));
	}

}
