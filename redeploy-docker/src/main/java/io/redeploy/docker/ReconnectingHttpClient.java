package io.redeploy.docker;

import java.io.IOException;

import com.github.dockerjava.transport.DockerHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request again when the connection it went out on turned out dead. docker-java keeps the
 * engine's connections in a pool and never checks one before reusing it (docker-java#2682): after the
 * engine restarts, every pooled connection fails its next request ("Broken pipe", "failed to respond"),
 * and httpclient only re-sends GETs, so a create or a start would fail although the engine is back.
 * Each failure drops that connection from the pool, so a few attempts use up the dead ones.
 * <p>
 * Only a request that can be sent twice is: one whose body is bytes, not a stream that the first
 * attempt may have consumed, and that does not take over the connection (attach, exec). An engine
 * that is really down refuses at once, so the attempts cost nothing; the caller then hears it.
 */
final class ReconnectingHttpClient implements DockerHttpClient {

	private static final Logger logger = LoggerFactory.getLogger(ReconnectingHttpClient.class);

	/** More than the connections the service keeps open at once in practice (a few redeploys in parallel). */
	static final int ATTEMPTS = 5;

	private final DockerHttpClient http;

	ReconnectingHttpClient(DockerHttpClient http) {
		this.http = http;
	}

	@Override
	public Response execute(Request request) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.http.execute(request);
			}
			catch (RuntimeException ex) {
				if (attempt >= ATTEMPTS || !repeatable(request) || !DockerErrors.unreachable(ex)) {
					throw ex;
				}
				logger.debug("{} {} failed on a dead connection ({}); sending it again", request.method(), request.path(),
						DockerErrors.rootMessage(ex));
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.http.close();
	}

	static boolean repeatable(Request request) {
		return request.hijackedInput() == null && (request.bodyBytes() != null || request.body() == null);
	}

}
