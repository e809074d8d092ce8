package io.redeploy.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls {@code <url>/1.0/<path>} with form-encoded parameters, as curl would, and reads the JSON answer. */
final class ApiConnection {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String url;

	private final JsonMapper json;

	ApiConnection(String url, JsonMapper json) {
		this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.json = json;
	}

	String url() {
		return this.url;
	}

	/** POSTs the parameters; any answer with a JSON body is returned, whatever its HTTP status. */
	Answer post(String path, Map<String, String> parameters) {
		URI uri;
		try {
			uri = URI.create(this.url + "/1.0/" + path);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("'" + this.url + "' is not a URL");
		}
		HttpRequest request = HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
			.build();
		HttpResponse<String> response = send(request);
		try {
			JsonNode body = this.json.readTree(response.body());
			if (body == null || !body.isObject()) {
				throw new CliException(unexpected(response));
			}
			return new Answer(response.statusCode(), body);
		}
		catch (JacksonException ex) {
			throw new CliException(unexpected(response), ex);
		}
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (ConnectException ex) {
			throw new CliException("Cannot reach " + this.url + " (set --url or REDEPLOY_URL)", ex);
		}
		catch (IOException ex) {
			throw new CliException("Calling " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException("Interrupted", ex);
		}
	}

	private static String unexpected(HttpResponse<String> response) {
		String body = response.body();
		String start = (body.length() > 200) ? body.substring(0, 200) + "…" : body;
		return "Unexpected answer from " + response.uri() + " (HTTP " + response.statusCode() + "): " + start;
	}

	private static String form(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** An HTTP status and the JSON object answered. */
	record Answer(int status, JsonNode body) {

		int result() {
			return this.body.path("result").asInt(-1);
		}

		String error() {
			return this.body.path("error").asString("HTTP " + this.status + " without an error message");
		}

	}

}
