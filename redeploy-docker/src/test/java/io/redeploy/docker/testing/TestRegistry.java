package io.redeploy.docker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryCredentials;

/**
 * A private registry for tests: Debian's {@code docker-registry} (Distribution 2.8) on a free
 * loopback port, with htpasswd authentication and storage in a temporary directory. The engine
 * trusts plain HTTP on 127.0.0.0/8, so no certificate is needed.
 */
public final class TestRegistry implements AutoCloseable {

	private static final Path REGISTRY = Path.of("/usr/bin/docker-registry");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

	private final Path directory;

	private final Process process;

	private final int port;

	private final String login = "redeploy";

	private final String password = "pw-" + UUID.randomUUID();

	private TestRegistry(Path directory, int port) throws IOException {
		this.directory = directory;
		this.port = port;
		Files.writeString(directory.resolve("htpasswd"), htpasswd(this.login, this.password));
		Files.writeString(directory.resolve("config.yml"), config(directory, port));
		this.process = new ProcessBuilder(REGISTRY.toString(), "serve", directory.resolve("config.yml").toString())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("registry.log").toFile())
			.start();
	}

	/** Starts a registry and waits until it answers. */
	public static TestRegistry start() {
		try {
			TestRegistry registry = new TestRegistry(Files.createTempDirectory("redeploy-registry-"), freePort());
			registry.awaitReady();
			return registry;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + REGISTRY, ex);
		}
	}

	/** {@code 127.0.0.1:PORT}, the registry part of the image references it serves. */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	public String login() {
		return this.login;
	}

	public String password() {
		return this.password;
	}

	public RegistryCredentials credentials() {
		return new RegistryCredentials(this.login, this.password);
	}

	/**
	 * Pushes a local image as {@code address()/repoName:tag}, then removes that local tag so that a
	 * later pull has to fetch it from the registry.
	 */
	public ImageRef push(ImageRef local, String repoName, String tag) {
		ImageRef remote = new ImageRef(address() + "/" + repoName, tag);
		DockerClient docker = TestDocker.client();
		docker.tagImageCmd(local.toString(), remote.repository(), remote.tag()).exec();
		try {
			PushOutcome outcome = docker.pushImageCmd(remote.repository())
				.withTag(remote.tag())
				.withAuthConfig(new AuthConfig().withUsername(this.login)
					.withPassword(this.password)
					.withRegistryAddress(address()))
				.exec(new PushOutcome());
			outcome.awaitCompletion(2, TimeUnit.MINUTES);
			if (outcome.error != null) {
				throw new IllegalStateException("Could not push " + remote + ": " + outcome.error);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while pushing " + remote, ex);
		}
		finally {
			docker.removeImageCmd(remote.toString()).exec();
		}
		return remote;
	}

	/** Stops the registry and deletes its storage. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		deleteRecursively(this.directory);
	}

	private void awaitReady() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				break;
			}
			try {
				// 401 is the answer of a registry that is up and insists on credentials.
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			sleep(100);
		}
		String log = readLog();
		close();
		throw new IllegalStateException("The registry did not come up on " + address() + ":\n" + log);
	}

	private String readLog() {
		try {
			return Files.readString(this.directory.resolve("registry.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static String htpasswd(String login, String password) throws IOException {
		Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", login, password).redirectErrorStream(true).start();
		String entry = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (htpasswd.waitFor() != 0) {
				throw new IOException("htpasswd failed: " + entry);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while running htpasswd", ex);
		}
		return entry.strip() + "\n";
	}

	private static String config(Path directory, int port) {
		return """
				version: 0.1
				log:
				  level: warn
				  accesslog:
				    disabled: true
				storage:
				  filesystem:
				    rootdirectory: %s
				  delete:
				    enabled: true
				http:
				  addr: 127.0.0.1:%d
				auth:
				  htpasswd:
				    realm: redeploy-test
				    path: %s
				""".formatted(directory.resolve("storage"), port, directory.resolve("htpasswd"));
	}

	// The port may be taken again between closing this socket and the registry binding it: rare
	// enough on a test machine, and it would show as a registry that does not come up.
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind is no failure
		}
	}

	private static final class PushOutcome extends ResultCallback.Adapter<PushResponseItem> {

		private volatile String error;

		@Override
		public void onNext(PushResponseItem item) {
			if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
				this.error = item.getErrorDetail().getMessage();
			}
			else if (item.getError() != null) {
				this.error = item.getError();
			}
		}

	}

}
