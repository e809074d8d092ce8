package io.redeploy.app.redeploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.redeploy.app.support.ApiClient;
import io.redeploy.app.support.ServiceIT;
import io.redeploy.core.redeploy.RedeployStep;
import io.redeploy.docker.testing.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code operationevents}: an async redeploy's progress as server-sent events, whole, in order, to its owner only. */
class OperationEventsIT extends ServiceIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aSubscriberRightAfterTheStartSeesEveryEventInOrderThenTheStreamEnds() throws Exception {
		String session = this.api.signIn(ALICE, PASSWORD);
		String envName = createEnvironment(session, "sse",
				List.of(Map.of("nodeGroup", "cp", "count", 2, "image", TestImages.APP_1.toString())));
		List<Long> nodeIds = nodeIds(session, envName, "cp");

		ApiClient.Answer started = this.api.post(CONTROL + "redeploycontainers", "session", session, "envName", envName,
				"nodeGroup", "cp", "tag", "2", "isSequential", "false", "async", "true");
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String operationId = started.json().get("operationId").asString();
		HttpResponse<InputStream> stream = subscribe(session, operationId);

		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		List<SseEvent> events = readAll(stream.body());

		assertThat(events).extracting(SseEvent::id)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.data().get("type").asString()).isEqualTo(event.name());
			assertThat(event.data().get("seq").asLong()).isEqualTo(event.id());
			assertThat(event.data().get("operationId").asString()).isEqualTo(operationId);
		});
		assertThat(events.get(0).name()).isEqualTo("OperationStarted");
		assertThat(events.get(0).data().get("nodeIds").valueStream().map(JsonNode::asLong).toList())
			.containsExactlyElementsOf(nodeIds);
		SseEvent last = events.get(events.size() - 1);
		assertThat(last.name()).isEqualTo("OperationFinished");
		assertThat(last.data().get("status").asString()).isEqualTo("OK");
		for (long nodeId : nodeIds) {
			List<SseEvent> ofNode = events.stream()
				.filter((event) -> event.data().path("nodeid").asLong(-1) == nodeId)
				.toList();
			assertThat(ofNode.get(0).name()).isEqualTo("NodeStarted");
			assertThat(ofNode.get(ofNode.size() - 1).name()).isEqualTo("NodeFinished");
			assertThat(ofNode.get(ofNode.size() - 1).data().get("status").asString()).isEqualTo("SUCCESS");
			List<String> steps = ofNode.stream()
				.filter((event) -> event.name().equals("StepFinished"))
				.map((event) -> event.data().get("step").asString())
				.toList();
			assertThat(steps).startsWith("PLAN", "ARCHIVE").endsWith("COMMIT");
			assertThat(steps).isSortedAccordingTo((a, b) -> RedeployStep.valueOf(a).compareTo(RedeployStep.valueOf(b)));
		}

		List<SseEvent> replay = readAll(subscribe(session, operationId).body());
		assertThat(replay).extracting(SseEvent::name).containsExactlyElementsOf(events.stream().map(SseEvent::name).toList());
		deleteEnvironment(session, envName);
	}

	@Test
	void onlyTheOwnerOfTheEnvironmentMayFollowItsOperations() throws Exception {
		String alice = this.api.signIn(ALICE, PASSWORD);
		String bob = this.api.signIn(BOB, PASSWORD);
		String envName = createEnvironment(alice, "sse-access",
				List.of(Map.of("nodeGroup", "cp", "image", TestImages.APP_1.toString())));
		ApiClient.Answer started = this.api.post(CONTROL + "redeploycontainers", "session", alice, "envName", envName,
				"nodeGroup", "cp", "tag", "2", "async", "true");
		String operationId = started.json().get("operationId").asString();

		HttpResponse<String> other = refused(bob, operationId);
		HttpResponse<String> nobody = refused(null, operationId);
		HttpResponse<String> unknown = refused(alice, "no-such-operation");

		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(other.body()).get("result").asInt()).isEqualTo(703);
		assertThat(other.body()).doesNotContain("StepStarted");
		assertThat(nobody.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(nobody.body()).get("result").asInt()).isEqualTo(701);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(unknown.body()).get("result").asInt()).isEqualTo(404);
		readAll(subscribe(alice, operationId).body());
		deleteEnvironment(alice, envName);
	}

	private HttpResponse<InputStream> subscribe(String session, String operationId) throws Exception {
		return this.http.send(request(session, operationId), HttpResponse.BodyHandlers.ofInputStream());
	}

	private HttpResponse<String> refused(String session, String operationId) throws Exception {
		return this.http.send(request(session, operationId), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String session, String operationId) {
		String query = "operationId=" + URLEncoder.encode(operationId, StandardCharsets.UTF_8)
				+ ((session != null) ? "&session=" + session : "");
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/1.0/" + CONTROL + "operationevents?" + query))
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofMinutes(3))
			.GET()
			.build();
	}

	/** Reads server-sent events until the server ends the stream. */
	private static List<SseEvent> readAll(InputStream body) throws IOException {
		List<SseEvent> events = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			long id = -1;
			String name = "message";
			StringBuilder data = new StringBuilder();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isEmpty()) {
					if (data.length() > 0) {
						events.add(new SseEvent(id, name, JSON.readTree(data.toString())));
					}
					id = -1;
					name = "message";
					data.setLength(0);
				}
				else if (line.startsWith("id:")) {
					id = Long.parseLong(line.substring(3).trim());
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
			}
		}
		return events;
	}

	record SseEvent(long id, String name, JsonNode data) {

		@Override
		public String toString() {
			return this.id + " " + this.name + " " + Arrays.toString(new Object[] { this.data });
		}

	}

}
