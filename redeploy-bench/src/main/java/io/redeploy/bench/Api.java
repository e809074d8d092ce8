package io.redeploy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a pipeline calls it: form-encoded POSTs, JSON answers. */
final class Api {

	static final String CONTROL = "environment/control/rest/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private String session = "";

	Api(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	String session() {
		return this.session;
	}

	void signIn(String login, String password) {
		this.session = call("users/authentication/rest/signin", Map.of("login", login, "password", password))
			.get("session")
			.asString();
	}

	/** POSTs with the session; anything but HTTP 200 (or 202) with {@code result} 0 fails. */
	JsonNode call(String path, Map<String, ?> parameters) {
		Map<String, Object> all = new LinkedHashMap<>(parameters);
		if (!this.session.isEmpty()) {
			all.putIfAbsent("session", this.session);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/1.0/" + path))
			.timeout(Duration.ofMinutes(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(all)))
			.build();
		HttpResponse<String> response = send(request);
		JsonNode body = JSON.readTree(response.body());
		if ((response.statusCode() != 200 && response.statusCode() != 202) || body.path("result").asInt(-1) != 0) {
			throw new BenchException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return body;
	}

	/** Whether the service answers at all (any HTTP status). */
	boolean answers() {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/1.0/users/authentication/rest/signin"))
			.timeout(Duration.ofSeconds(2))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			this.http.send(request, HttpResponse.BodyHandlers.discarding());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Creates an environment of one node group and returns its nodes as getenvinfo shows them. */
	List<JsonNode> createEnvironment(String envName, String nodeGroup, int count, String image) {
		Map<String, Object> group = Map.of("nodeGroup", nodeGroup, "count", count, "image", image);
		return call(CONTROL + "createenvironment",
				Map.of("env", json(Map.of("shortdomain", envName)), "nodes", json(List.of(group))))
			.get("nodes")
			.valueStream()
			.toList();
	}

	List<JsonNode> nodes(String envName) {
		return call(CONTROL + "getenvinfo", Map.of("envName", envName)).get("nodes").valueStream().toList();
	}

	void deleteEnvironment(String envName) {
		call(CONTROL + "deleteenv", Map.of("envName", envName));
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new BenchException("Calling " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("Interrupted calling " + request.uri(), ex);
		}
	}

	static String form(Map<String, ?> parameters) {
		return parameters.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
