package io.redeploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** What the scenarios share: the options, the running service, its API, its heap, the floors. */
final class Bench {

	private final Options options;

	private final String runId;

	private final Api api;

	private final HeapProbe heap;

	private final Floors floors;

	private final List<String> environments = new ArrayList<>();

	private final Map<String, DataSet> dataSets = new HashMap<>();

	Bench(Options options, String runId, Api api, HeapProbe heap, Floors floors) {
		this.options = options;
		this.runId = runId;
		this.api = api;
		this.heap = heap;
		this.floors = floors;
	}

	Options options() {
		return this.options;
	}

	Api api() {
		return this.api;
	}

	HeapProbe heap() {
		return this.heap;
	}

	Floors floors() {
		return this.floors;
	}

	/** A directory under the work directory, created if missing. */
	Path work(String name) {
		try {
			return Files.createDirectories(this.options.workDir().resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The data set of that size, generated once per run under the work directory. */
	DataSet dataSet(String name, long bytes) {
		return this.dataSets.computeIfAbsent(name + "/" + bytes, (key) -> generate(name, bytes));
	}

	private DataSet generate(String name, long bytes) {
		Path directory = this.options.workDir().resolve(name);
		if (Files.isDirectory(directory)) {
			try {
				Shell.bash("rm -rf \"$1\"", directory.toString());
			}
			catch (BenchException ex) {
				throw new BenchException("Cannot clear " + directory, ex);
			}
		}
		return DataSet.generate(directory, bytes);
	}

	/**
	 * Creates an environment of node groups, each {@code {nodeGroup, count}} of the bench's app at
	 * version 1, and answers its nodes; it is deleted by {@link #deleteEnvironments}.
	 */
	EnvironmentNodes createEnvironment(String scenario, Map<String, Integer> groups) {
		String envName = "bench-" + scenario + "-" + this.runId;
		this.environments.add(envName);
		List<Map<String, Object>> nodes = groups.entrySet()
			.stream()
			.map((group) -> Map.<String, Object>of("nodeGroup", group.getKey(), "count", group.getValue(), "image",
					BenchImages.image("1")))
			.toList();
		JsonNode answer = this.api.call(Api.CONTROL + "createenvironment",
				Map.of("env", Api.json(Map.of("shortdomain", envName)), "nodes", Api.json(nodes)));
		return new EnvironmentNodes(envName, answer.get("nodes").valueStream().toList());
	}

	/**
	 * Deletes the scenario's environments and every container the floors made. A deletion is tried
	 * twice: right after many containers went, the engine may still count one as attached to the
	 * network for a moment ("has active endpoints").
	 */
	void cleanUp() {
		this.floors.removeContainers();
		for (String envName : List.copyOf(this.environments)) {
			for (int attempt = 1; attempt <= 2 && this.environments.contains(envName); attempt++) {
				try {
					this.api.deleteEnvironment(envName);
					this.environments.remove(envName);
				}
				catch (BenchException ex) {
					System.err.println("bench: deleting environment " + envName + " failed (attempt " + attempt + "): "
							+ ex.getMessage());
					Service.sleep(2000);
				}
			}
		}
	}

	/** Environments whose deletion failed: the caller removes their Docker objects by label. */
	List<String> leftovers() {
		return List.copyOf(this.environments);
	}

	/** An environment as created: its name and its nodes as getenvinfo shows them. */
	record EnvironmentNodes(String envName, List<JsonNode> nodes) {

		String network() {
			return "redeploy-" + this.envName;
		}

		List<JsonNode> group(String nodeGroup) {
			return this.nodes.stream().filter((node) -> node.get("nodeGroup").asString().equals(nodeGroup)).toList();
		}

		static long id(JsonNode node) {
			return node.get("id").asLong();
		}

		static String container(JsonNode node) {
			return node.get("containerName").asString();
		}

	}

}
