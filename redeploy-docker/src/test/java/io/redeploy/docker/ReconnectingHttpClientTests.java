package io.redeploy.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.transport.DockerHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReconnectingHttpClientTests {

	private static final RuntimeException BROKEN_PIPE = new RuntimeException(new IOException("Broken pipe"));

	private final ScriptedHttpClient engine = new ScriptedHttpClient();

	private final ReconnectingHttpClient client = new ReconnectingHttpClient(this.engine);

	@Test
	void aRequestThatMetDeadPooledConnectionsIsSentAgainUntilOneGetsThrough() {
		this.engine.fail(BROKEN_PIPE).fail(BROKEN_PIPE);

		DockerHttpClient.Response response = this.client.execute(post("/containers/create", "{}"));

		assertThat(response.getStatusCode()).isEqualTo(201);
		assertThat(this.engine.sent).hasSize(3);
	}

	@Test
	void anEngineThatStaysUnreachableIsReportedAfterAFewAttempts() {
		for (int i = 0; i < 10; i++) {
			this.engine.fail(BROKEN_PIPE);
		}

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.client.execute(post("/containers/x/start", "")))
			.isSameAs(BROKEN_PIPE);
		assertThat(this.engine.sent).hasSize(ReconnectingHttpClient.ATTEMPTS);
	}

	@Test
	void aStreamedBodyIsNeverSentTwiceForTheFirstAttemptMayHaveConsumedIt() {
		this.engine.fail(BROKEN_PIPE);
		InputStream tar = new ByteArrayInputStream(new byte[1024]);
		DockerHttpClient.Request upload = DockerHttpClient.Request.builder()
			.method(DockerHttpClient.Request.Method.PUT)
			.path("/containers/x/archive?path=/")
			.body(tar)
			.build();

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.client.execute(upload)).isSameAs(BROKEN_PIPE);
		assertThat(this.engine.sent).hasSize(1);
	}

	@Test
	void aTimeoutIsNotADeadConnectionAndIsNotSentAgain() {
		RuntimeException slow = new RuntimeException(new SocketTimeoutException("Read timed out"));
		this.engine.fail(slow);

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.client.execute(post("/containers/x/stop", "")))
			.isSameAs(slow);
		assertThat(this.engine.sent).hasSize(1);
	}

	@Test
	void theRuntimeStartsAContainerAgainOverASocketThatDroppedItsPooledConnection(@TempDir Path dir) throws Exception {
		// an "engine" that answers one request per connection and then hangs up, as one that restarted
		try (OneAnswerPerConnection server = new OneAnswerPerConnection(dir.resolve("engine.sock"));
				DockerEngine runtime = DockerRuntimes.connect(
						new DockerSettings("unix://" + dir.resolve("engine.sock"), Duration.ofSeconds(10)))) {
			runtime.startContainer("web");
			server.awaitHungUp();

			runtime.startContainer("web");

			assertThat(server.requests).containsExactly("POST /containers/web/start", "POST /containers/web/start");
			assertThat(server.connections.get()).isEqualTo(2);
		}
	}

	private static DockerHttpClient.Request post(String path, String json) {
		return DockerHttpClient.Request.builder()
			.method(DockerHttpClient.Request.Method.POST)
			.path(path)
			.bodyBytes(json.getBytes(StandardCharsets.UTF_8))
			.build();
	}

	/** A unix socket server that answers each connection's first request with 204, then closes it. */
	private static final class OneAnswerPerConnection implements AutoCloseable {

		final List<String> requests = new CopyOnWriteArrayList<>();

		final AtomicInteger connections = new AtomicInteger();

		private final ServerSocketChannel server;

		private final Thread thread;

		private final Semaphore hungUp = new Semaphore(0);

		OneAnswerPerConnection(Path socket) throws IOException {
			this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			this.server.bind(UnixDomainSocketAddress.of(socket));
			this.thread = new Thread(this::serve, "one-answer-per-connection");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void awaitHungUp() throws InterruptedException {
			assertThat(this.hungUp.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
		}

		private void serve() {
			while (this.server.isOpen()) {
				try (SocketChannel connection = this.server.accept()) {
					this.connections.incrementAndGet();
					String head = readHead(connection);
					this.requests.add(head.substring(0, head.indexOf(" HTTP/")).replaceFirst("/v[0-9.]+/", "/"));
					connection.write(ByteBuffer.wrap("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
				}
				catch (IOException ex) {
					return;
				}
				this.hungUp.release();
			}
		}

		/** The request line and headers; the requests of this test have no body. */
		private static String readHead(SocketChannel connection) throws IOException {
			StringBuilder head = new StringBuilder();
			ByteBuffer one = ByteBuffer.allocate(1);
			while (head.indexOf("\r\n\r\n") < 0 && connection.read(one.clear()) > 0) {
				head.append((char) one.get(0));
			}
			return head.toString();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

	/** Fails the first requests as scripted, then answers 201. */
	private static final class ScriptedHttpClient implements DockerHttpClient {

		final List<Request> sent = new ArrayList<>();

		private final Deque<RuntimeException> failures = new ArrayDeque<>();

		ScriptedHttpClient fail(RuntimeException failure) {
			this.failures.add(failure);
			return this;
		}

		@Override
		public Response execute(Request request) {
			this.sent.add(request);
			if (!this.failures.isEmpty()) {
				throw this.failures.poll();
			}
			return new Response() {

				@Override
				public int getStatusCode() {
					return 201;
				}

				@Override
				public Map<String, List<String>> getHeaders() {
					return Map.of();
				}

				@Override
				public InputStream getBody() {
					return InputStream.nullInputStream();
				}

				@Override
				public void close() {
				}

			};
		}

		@Override
		public void close() {
		}

	}

}
