package io.redeploy.docker;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.github.dockerjava.transport.DockerHttpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveDownloadsTests {

	@Test
	void theTarIsAskedForUncompressedSoThatTheEngineDoesNotGzipIt() throws Exception {
		AtomicReference<DockerHttpClient.Request> sent = new AtomicReference<>();
		ArchiveDownloads downloads = new ArchiveDownloads(new AnsweringClient(sent, 200, "tar bytes"));

		try (InputStream tar = downloads.open("c1", "/opt/data")) {
			assertThat(tar.readAllBytes()).asString().isEqualTo("tar bytes");
		}

		assertThat(sent.get().headers()).containsEntry("Accept-Encoding", "identity");
		assertThat(sent.get().path()).isEqualTo("/containers/c1/archive?path=%2Fopt%2Fdata");
	}

	/** Answers every request with one status and body, and keeps the last request. */
	private record AnsweringClient(AtomicReference<DockerHttpClient.Request> sent, int status, String body)
			implements DockerHttpClient {

		@Override
		public Response execute(Request request) {
			this.sent.set(request);
			return new Response() {

				@Override
				public int getStatusCode() {
					return AnsweringClient.this.status;
				}

				@Override
				public Map<String, List<String>> getHeaders() {
					return Map.of();
				}

				@Override
				public InputStream getBody() {
					return new ByteArrayInputStream(AnsweringClient.this.body.getBytes());
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
