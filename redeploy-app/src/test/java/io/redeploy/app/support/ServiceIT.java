package io.redeploy.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.redeploy.docker.testing.TestImages;

/**
 * Base of the integration tests that drive the whole service over HTTP, against the real Docker
 * engine and a real (embedded) PostgreSQL. Every subclass shares one running service, one database
 * and the test images, which are built once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceIT {

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "admin-secret";

	public static final String ALICE = "alice";

	public static final String BOB = "bob";

	public static final String PASSWORD = "correct horse battery staple";

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	private int port;

	protected ApiClient api;

	@DynamicPropertySource
	static void serviceProperties(DynamicPropertyRegistry registry) {
		registry.add("redeploy.data-dir", DATA_DIR::toString);
		registry.add("redeploy.admin.password", () -> ADMIN_PASSWORD);
		registry.add("redeploy.users[0].login", () -> ALICE);
		registry.add("redeploy.users[0].password", () -> PASSWORD);
		registry.add("redeploy.users[1].login", () -> BOB);
		registry.add("redeploy.users[1].password", () -> PASSWORD);
		registry.add("redeploy.docker.stop-timeout", () -> "5s");
	}

	@BeforeAll
	static void buildTestImages() {
		TestImages.ensureBuilt();
	}

	@BeforeEach
	protected void connect() {
		this.api = new ApiClient(this.port);
	}

	protected int port() {
		return this.port;
	}

	/** A fresh environment name, so that tests never collide. */
	protected static String uniqueEnvName(String prefix) {
		return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("redeploy-it-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
