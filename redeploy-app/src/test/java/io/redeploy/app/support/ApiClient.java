package io.redeploy.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the API the way curl in a CI pipeline does: form-encoded POSTs (or GETs) and JSON answers. */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public ApiClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/** POSTs the parameters as a form to {@code /1.0/<path>}, e.g. {@code environment/control/rest/getenvinfo}. */
	public Answer post(String path, Object... keyValues) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/1.0/" + path))
			.timeout(Duration.ofMinutes(5))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(keyValues)))
			.build();
		return send(request);
	}

	/** GETs {@code /1.0/<path>} with the parameters in the query string. */
	public Answer get(String path, Object... keyValues) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/1.0/" + path + "?" + form(keyValues)))
			.timeout(Duration.ofMinutes(5))
			.GET()
			.build();
		return send(request);
	}

	/** Sends a body of any type with any verb to {@code /1.0/<path>}, as a hostile client might. */
	public Answer raw(String method, String path, String contentType, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/1.0/" + path))
			.timeout(Duration.ofMinutes(5))
			.header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
		return send(request);
	}

	/** Signs in and returns the session. */
	public String signIn(String login, String password) {
		Answer answer = post("users/authentication/rest/signin", "login", login, "password", password);
		if (answer.status() != 200) {
			throw new IllegalStateException("Sign-in of " + login + " failed: " + answer);
		}
		return answer.json().get("session").asString();
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	private Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String form(Object... keyValues) {
		Map<String, String> params = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			if (keyValues[i + 1] != null) {
				params.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
			}
		}
		return params.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** An HTTP status and the JSON body. */
	public record Answer(int status, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public int result() {
			return json().path("result").asInt(-1);
		}

		public String error() {
			return json().path("error").asString("");
		}

	}

}
