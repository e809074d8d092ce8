package io.redeploy.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One synchronous {@code redeploycontainers} call: its time as the caller sees it and, per node, the
 * step durations the service reports ({@code plan}, {@code archive}, {@code verify_archives},
 * {@code stop}, {@code create}, {@code restore}, {@code verify}, {@code commit}) and its archives' size.
 */
record RedeployRun(double totalMillis, List<NodeRun> nodes) {

	/** Steps from the old container's stop to the new one verified running: the node serves nothing. */
	static final List<String> UNAVAILABLE = List.of("stop", "create", "merge", "restore", "verify");

	/** One node's part. */
	record NodeRun(Map<String, Long> durations, long archiveBytes) {

		double step(String name) {
			return this.durations.getOrDefault(name, 0L);
		}

		double unavailable() {
			return UNAVAILABLE.stream().mapToDouble(this::step).sum();
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
			return new NodeRun(durations, bytes);
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
