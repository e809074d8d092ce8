package io.redeploy.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One synchronous {@code redeploycontainers} call: its time as the caller sees it and, per node, the
 * step durations the service reports ({@code plan}, {@code archive}, {@code verify_archives},
 * {@code create}, {@code restore}, {@code stop}, {@code verify}, {@code commit}), how long it was
 * unavailable and its archives' size.
 */
record RedeployRun(double totalMillis, List<NodeRun> nodes) {

	/**
	 * One node's part; {@code unavailableMillis} is what the service reports: from the old container's stop
	 * until the new one was first seen ready.
	 */
	record NodeRun(Map<String, Long> durations, long archiveBytes, double unavailable) {

		double step(String name) {
			return this.durations.getOrDefault(name, 0L);
		}

	}

	/** Redeploys the nodes a selector picks ({@code nodeGroup} or {@code nodeId}) to {@code tag}, delay 0. */
	static RedeployRun call(Api api, String envName, String selectorName, Object selector, String tag, boolean sequential) {
		long start = System.nanoTime();
		JsonNode answer = api.call(Api.CONTROL + "redeploycontainers", Map.of("envName", envName, selectorName, selector,
				"tag", tag, "isSequential", sequential, "delay", 0));
		double total = Shell.millisSince(start);
		List<NodeRun> nodes = answer.get("responses").valueStream().map((response) -> {
			if (!"SUCCESS".equals(response.path("outcome").asString())) {
				throw new BenchException("Node " + response.path("nodeid") + " did not succeed: " + response);
			}
			Map<String, Long> durations = new LinkedHashMap<>();
			response.get("durations").properties().forEach((e) -> durations.put(e.getKey(), e.getValue().asLong()));
			long bytes = response.path("archives").valueStream().mapToLong((a) -> a.path("size").asLong()).sum();
			if (!response.path("unavailableMillis").isNumber()) {
				throw new BenchException("Node " + response.path("nodeid") + " reports no unavailableMillis: " + response);
			}
			return new NodeRun(durations, bytes, response.get("unavailableMillis").asLong());
		}).toList();
		return new RedeployRun(total, nodes);
	}

	private NodeRun only() {
		if (this.nodes.size() != 1) {
			throw new IllegalStateException("expected one node, got " + this.nodes.size());
		}
		return this.nodes.get(0);
	}

	double step(String name) {
		return only().step(name);
	}

	double stepSum() {
		return only().durations().values().stream().mapToLong(Long::longValue).sum();
	}

	double unavailable() {
		return only().unavailable();
	}

	long archiveBytes() {
		return only().archiveBytes();
	}

	/** The longest window any node of the call was unavailable. */
	double longestUnavailable() {
		return this.nodes.stream().mapToDouble(NodeRun::unavailable).max().orElse(0);
	}

}
