package io.redeploy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.redeploy.bench.Bench.EnvironmentNodes;

/**
 * Scenario 3: a layer of nodes, each keeping 10 MiB, redeployed all at once and one after another
 * (delay 0), against one node of the same layer redeployed alone in the same runs.
 */
final class Layer {

	private Layer() {
	}

	/** The service's parallelism: 4 unless the run set it. */
	private static int parallelism(Bench bench) {
		return bench.options()
			.serviceArguments()
			.stream()
			.filter((argument) -> argument.startsWith("--redeploy.redeploys.parallelism="))
			.map((argument) -> Integer.parseInt(argument.substring(argument.indexOf('=') + 1)))
			.reduce((first, last) -> last)
			.orElse(4);
	}

	static Section run(Bench bench) {
		int runs = bench.options().layerRuns();
		int count = bench.options().layerNodes();
		System.err.printf("bench: layer: creating %d nodes%n", count);
		EnvironmentNodes env = bench.createEnvironment("layer", Map.of("cp", count));
		DataSet data = bench.dataSet("data-10m", SingleNode.DATA_BYTES);
		for (JsonNode node : env.nodes()) {
			data.copyInto(EnvironmentNodes.container(node), BenchImages.DATA);
		}
		long first = EnvironmentNodes.id(env.nodes().get(0));

		List<RedeployRun> one = new ArrayList<>();
		List<RedeployRun> simultaneous = new ArrayList<>();
		List<RedeployRun> sequential = new ArrayList<>();
		List<Double> engine = new ArrayList<>();
		int parallelism = parallelism(bench);
		RedeployRun.call(bench.api(), env.envName(), "nodeId", first, "2", true);
		String tag = "2";
		for (int run = 0; run < runs; run++) {
			tag = tag.equals("1") ? "2" : "1";
			one.add(RedeployRun.call(bench.api(), env.envName(), "nodeId", first, tag, true));
			simultaneous.add(RedeployRun.call(bench.api(), env.envName(), "nodeGroup", "cp", tag, false));
			tag = tag.equals("1") ? "2" : "1";
			sequential.add(RedeployRun.call(bench.api(), env.envName(), "nodeGroup", "cp", tag, true));
			engine.add(bench.floors().engineReplaceAll(env.envName() + "-engine", count, parallelism, env.network(),
					BenchImages.image("1"), BenchImages.image("2")));
			System.err.printf(Locale.ROOT, "bench: layer, run %d/%d: one node %.0f ms, %d simultaneous %.0f ms, %d sequential %.0f ms, engine floor %.0f ms%n",
					run + 1, runs, one.get(run).totalMillis(), count, simultaneous.get(run).totalMillis(), count,
					sequential.get(run).totalMillis(), engine.get(run));
		}
		for (JsonNode node : bench.api().nodes(env.envName())) {
			Checks.sameData(data, EnvironmentNodes.container(node), "node " + EnvironmentNodes.id(node));
		}

		Samples oneNode = SingleNode.samples(one, RedeployRun::totalMillis);
		Samples allOf = oneNode.map((ms) -> ms * count);
		Samples sim = SingleNode.samples(simultaneous, RedeployRun::totalMillis);
		Samples seq = SingleNode.samples(sequential, RedeployRun::totalMillis);
		List<Row> rows = new ArrayList<>();
		rows.add(Row.of("one node of the layer, alone", oneNode, Unit.MILLIS));
		rows.add(Row.against(count + " nodes simultaneous", sim, Unit.MILLIS, "1× one node", oneNode)
			.withTarget(Target.ratioAtMost(3)));
		rows.add(Row.against(count + " nodes simultaneous", sim, Unit.MILLIS, count + "× one node", allOf));
		rows.add(Row.against(count + " nodes simultaneous", sim, Unit.MILLIS,
				"engine: " + count + "× stop + create + start, " + parallelism + " at a time", new Samples(engine)));
		rows.add(Row.against(count + " nodes sequential, delay 0", seq, Unit.MILLIS, count + "× one node", allOf));
		rows.add(Row.against("simultaneous: longest window of a node", SingleNode.samples(simultaneous,
				RedeployRun::longestUnavailable), Unit.MILLIS, "one node alone",
				SingleNode.samples(one, RedeployRun::unavailable)));
		for (String step : List.of("archive", "create", "restore", "stop", "verify")) {
			rows.add(Row.against("· simultaneous, a node's " + step, new Samples(simultaneous.stream()
				.flatMap((r) -> r.nodes().stream())
				.map((node) -> node.step(step))
				.toList()), Unit.MILLIS, "alone", SingleNode.step(one, step)));
		}
		String note = String.format(Locale.ROOT, "%s after one warm-up; %d nodes of one group, 10 MiB kept each; "
				+ "simultaneous runs %d nodes at a time (redeploy.redeploys.parallelism); the rows marked · are the "
				+ "median over every node of the simultaneous runs.", DataPath.runs(runs), count, parallelism);
		return new Section("3. A layer of " + count + " nodes", note, rows);
	}

}
