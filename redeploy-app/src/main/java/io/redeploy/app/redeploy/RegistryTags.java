package io.redeploy.app.redeploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryCredentials;

/**
 * Asks a Docker Registry (HTTP API v2) which tags a repository has: {@code GET /v2/<name>/tags/list},
 * with basic authentication when credentials are given. Plain HTTP for loopback registries (as the
 * engine itself allows), HTTPS for the others. Docker Hub's token flow is not spoken.
 */
final class RegistryTags {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** Tags beyond this many are not listed: it is a list of suggestions. */
	private static final int MAX_TAGS = 500;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(TIMEOUT)
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	/** The tags, or the reason they could not be had. */
	record Answer(List<String> tags, String failure) {

		static Answer failed(String failure) {
			return new Answer(List.of(), failure);
		}

	}

	/** Whether the image names a registry of its own (not Docker Hub), i.e. one this class can ask. */
	static boolean hasOwnRegistry(ImageRef image) {
		return !"docker.io".equals(image.registry());
	}

	Answer tags(ImageRef image, Optional<RegistryCredentials> credentials) {
		String registry = image.registry();
		String name = image.repository().substring(registry.length() + 1);
		URI uri = URI.create(scheme(registry) + "://" + registry + "/v2/" + name + "/tags/list?n=" + MAX_TAGS);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET();
		credentials.ifPresent((login) -> request.header("Authorization", "Basic " + Base64.getEncoder()
			.encodeToString((login.login() + ":" + login.password()).getBytes(StandardCharsets.UTF_8))));
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 401) {
				return Answer.failed(credentials.isPresent() ? "the registry " + registry + " refused the credentials"
						: "the registry " + registry + " wants a login");
			}
			if (response.statusCode() != 200) {
				return Answer.failed("the registry " + registry + " answered HTTP " + response.statusCode());
			}
			JsonNode tags = this.json.readTree(response.body()).path("tags");
			List<String> names = new ArrayList<>();
			tags.forEach((tag) -> names.add(tag.asString()));
			return new Answer(names.stream().sorted().limit(MAX_TAGS).toList(), null);
		}
		catch (IOException | JacksonException ex) {
			return Answer.failed("the registry " + registry + " could not be asked: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Answer.failed("interrupted while asking the registry " + registry);
		}
	}

	private static String scheme(String registry) {
		String host = registry.replaceFirst(":[0-9]+$", "");
		return (host.equals("localhost") || host.startsWith("127.")) ? "http" : "https";
	}

}
