package io.redeploy.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class InvocationTests {

	@Test
	void serviceClassAndMethodMirrorTheApiPath() {
		Invocation invocation = Invocation.parse("environment", "control", "redeploycontainers", "--envName", "shop",
				"--nodeGroup", "cp", "--tag", "2.0");

		assertThat(invocation.path()).isEqualTo("environment/control/rest/redeploycontainers");
		assertThat(invocation.parameters()).containsExactly(entry("envName", "shop"), entry("nodeGroup", "cp"),
				entry("tag", "2.0"));
	}

	@Test
	void shortFormsFindTheirServiceAndClass() {
		assertThat(Invocation.parse("signin", "--login", "a", "--password", "b").path())
			.isEqualTo("users/authentication/rest/signin");
		assertThat(Invocation.parse("getenvinfo", "--envName", "shop").path())
			.isEqualTo("environment/control/rest/getenvinfo");
		assertThat(Invocation.parse("getbackups").path()).isEqualTo("environment/control/rest/getbackups");
		assertThat(Invocation.parse("restorebackup").path()).isEqualTo("environment/control/rest/restorebackup");
		assertThat(Invocation.parse("rollbackcontainers").path()).isEqualTo("environment/control/rest/rollbackcontainers");
		assertThat(Invocation.parse("RedeployContainers").path()).isEqualTo("environment/control/rest/redeploycontainers");
		assertThat(Invocation.parse("install").path()).isEqualTo("marketplace/jps/rest/install");
	}

	@Test
	void commandWordsAreCaseInsensitive() {
		assertThat(Invocation.parse("Users", "Authentication", "SignIn").path()).isEqualTo("users/authentication/rest/signin");
	}

	@Test
	void aFlagWithoutValueIsTrue() {
		Invocation invocation = Invocation.parse("redeploycontainers", "--skipReinstall", "--useExistingVolumes",
				"false", "--async");

		assertThat(invocation.parameters()).containsExactly(entry("skipReinstall", "true"),
				entry("useExistingVolumes", "false"), entry("async", "true"));
	}

	@Test
	void sequentialAndSimultaneousSetIsSequential() {
		assertThat(Invocation.parse("redeploycontainers", "--sequential", "--delay", "30").parameters())
			.containsExactly(entry("isSequential", "true"), entry("delay", "30"));
		assertThat(Invocation.parse("redeploycontainers", "--simultaneous").parameters())
			.containsExactly(entry("isSequential", "false"));
	}

	@Test
	void sequentialNeverSwallowsTheNextWord() {
		assertThat(Invocation.parse("redeploycontainers", "--sequential", "--tag", "2").parameters())
			.containsExactly(entry("isSequential", "true"), entry("tag", "2"));
	}

	@Test
	void nameEqualsValueIsAParameterToo() {
		assertThat(Invocation.parse("getenvinfo", "--envName=shop", "--nodes=[{\"a\": 1}]").parameters())
			.containsExactly(entry("envName", "shop"), entry("nodes", "[{\"a\": 1}]"));
	}

	@Test
	void valuesMayStartWithASingleDash() {
		assertThat(Invocation.parse("redeploycontainers", "--delay", "-1").parameters()).containsExactly(entry("delay", "-1"));
	}

	@Test
	void urlSessionAndJsonAreTheCliOwnOptionsNotParameters() {
		Invocation invocation = Invocation.parse("--url", "http://ci:8080", "getenvs", "--json", "--session",
				"/tmp/session");

		assertThat(invocation.url()).contains("http://ci:8080");
		assertThat(invocation.session()).contains("/tmp/session");
		assertThat(invocation.json()).isTrue();
		assertThat(invocation.parameters()).isEmpty();
	}

	@Test
	void helpNeedsNoCommand() {
		assertThat(Invocation.parse("--help").help()).isTrue();
	}

	@Test
	void noCommandIsAUsageError() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> Invocation.parse("--envName", "shop"))
			.withMessage("No command given");
	}

	@Test
	void anUnknownShortFormIsAUsageError() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> Invocation.parse("redeploy"))
			.withMessageContaining("Unknown command 'redeploy'");
	}

	@Test
	void twoCommandWordsAreAUsageError() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> Invocation.parse("environment", "control"));
	}

	@Test
	void aCommandWordThatIsNoWordIsAUsageError() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> Invocation.parse("environment", "../control", "getenvinfo"))
			.withMessageContaining("not a command word");
	}

	@Test
	void aStrayWordAfterTheParametersIsAUsageError() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> Invocation.parse("getenvinfo", "--envName", "shop", "cp"))
			.withMessageContaining("Unexpected 'cp'");
	}

	@Test
	void urlWithoutValueIsAUsageError() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> Invocation.parse("getenvs", "--url"))
			.withMessage("--url needs a value");
	}

	@Test
	void aNamelessParameterIsAUsageError() {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> Invocation.parse("getenvs", "--", "x"));
	}

}
