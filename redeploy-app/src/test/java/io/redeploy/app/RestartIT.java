package io.redeploy.app;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.redeploy.app.support.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps its data under the working directory: a restarted service finds everything. */
class RestartIT {

	@TempDir
	Path dataDir;

	@Test
	void aRestartedServiceKnowsItsUsersAndSessions() throws Exception {
		String session;
		try (ConfigurableApplicationContext first = start()) {
			String password = Files.readString(this.dataDir.resolve("admin-password")).trim();
			session = new ApiClient(port(first)).signIn("admin", password);
		}
		try (ConfigurableApplicationContext second = start()) {
			ApiClient api = new ApiClient(port(second));
			assertThat(api.get("environment/control/rest/getenvs", "session", session).status()).isEqualTo(200);
			String password = Files.readString(this.dataDir.resolve("admin-password")).trim();
			assertThat(api.post("users/authentication/rest/signin", "login", "admin", "password", password).status())
				.isEqualTo(200);
		}
	}

	private ConfigurableApplicationContext start() {
		// command-line arguments, so that they win over application.yml as an operator's would
		return new SpringApplicationBuilder(RedeployApplication.class)
			.run("--server.port=0", "--redeploy.data-dir=" + this.dataDir, "--redeploy.admin.password=");
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
