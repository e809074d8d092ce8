package io.redeploy.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.redeploy.bench.Bench.EnvironmentNodes;
import io.redeploy.bench.HeapProbe.HeapUse;

/**
 * Scenario 1: one node keeping 10 MiB, redeployed back and forth between the two versions; next to
 * each run, in the same run, the engine's bare stop + create + start and the docker CLI script.
 */
final class SingleNode {

	static final long DATA_BYTES = 10L * 1024 * 1024;

	private static final List<String> SCRIPT_PATHS = List.of(BenchImages.DATA, "/etc/jelastic/redeploy.conf");

	private SingleNode() {
	}

	static Section run(Bench bench) {
		int runs = bench.options().singleRuns();
		EnvironmentNodes env = bench.createEnvironment("single", Map.of("cp", 1));
		long nodeId = EnvironmentNodes.id(env.nodes().get(0));
		String container = EnvironmentNodes.container(env.nodes().get(0));
		DataSet data = bench.dataSet("data-10m", DATA_BYTES);
		data.copyInto(container, BenchImages.DATA);
		Floors floors = bench.floors();
		String scriptContainer = floors.startScriptContainer(env.envName() + "-cli", env.network(), BenchImages.image("1"));
		data.copyInto(scriptContainer, BenchImages.DATA);
		Path scriptWork = bench.work("cli-archives");

		List<RedeployRun> service = new ArrayList<>();
		List<Floors.EngineTimes> engine = new ArrayList<>();
		List<Map<String, Double>> script = new ArrayList<>();
		String tag = "1";
		// run 0 warms up the service's JIT and the engine's caches and is not counted
		for (int run = 0; run <= runs; run++) {
			String from = tag;
			tag = tag.equals("1") ? "2" : "1";
			if (run == 1) {
				bench.heap().start();
			}
			RedeployRun redeploy = RedeployRun.call(bench.api(), env.envName(), "nodeId", nodeId, tag, true);
			Floors.EngineTimes bare = floors.engineReplace(env.envName() + "-engine", env.network(), BenchImages.image(from),
					BenchImages.image(tag));
			Map<String, Double> byHand = floors.scriptRedeploy(scriptContainer, BenchImages.image(tag), scriptWork, SCRIPT_PATHS);
			if (run > 0) {
				service.add(redeploy);
				engine.add(bare);
				script.add(byHand);
			}
			System.err.printf("bench: one node, run %d/%d: service %.0f ms, docker CLI script %.0f ms, engine %.0f ms%n", run,
					runs, redeploy.totalMillis(), byHand.get("total"), bare.total());
		}
		HeapUse heap = bench.heap().stop();
		Checks.sameData(data, container, "the node");
		Checks.sameData(data, scriptContainer, "the docker CLI script's container");

		Samples total = samples(service, RedeployRun::totalMillis);
		Samples engineTotal = samples(engine, Floors.EngineTimes::total);
		Samples scriptTotal = samples(script, (phases) -> phases.get("total"));
		List<Row> rows = new ArrayList<>();
		rows.add(Row.against("redeploy, total as the caller sees it", total, Unit.MILLIS, "docker CLI script", scriptTotal)
			.withTarget(Target.ratioAtMost(0.5)));
		rows.add(Row.of("· registry check, lock, journal, HTTP (total − steps)",
				samples(service, (r) -> r.totalMillis() - r.stepSum()), Unit.MILLIS));
		rows.add(Row.against("· plan: read redeploy.conf", step(service, "plan"), Unit.MILLIS, "script: docker inspect",
				samples(script, (p) -> p.get("plan"))));
		rows.add(Row.against("· archive", step(service, "archive"), Unit.MILLIS, "script: docker cp | gzip -1",
				samples(script, (p) -> p.get("archive"))));
		rows.add(Row.of("· verify archives (re-read, sha256)", step(service, "verify_archives"), Unit.MILLIS));
		rows.add(Row.against("· create (beside the running old container)", step(service, "create"), Unit.MILLIS,
				"engine create", samples(engine, Floors.EngineTimes::create)));
		rows.add(Row.against("· restore (into the new container, the old one still serving)", step(service, "restore"),
				Unit.MILLIS, "script: gzip -dc | docker cp", samples(script, (p) -> p.get("restore"))));
		rows.add(Row.against("· stop (+ two renames)", step(service, "stop"), Unit.MILLIS, "engine stop",
				samples(engine, Floors.EngineTimes::stop)));
		rows.add(Row.against("· verify: start + two readiness polls", step(service, "verify"), Unit.MILLIS, "engine start",
				samples(engine, Floors.EngineTimes::start)));
		rows.add(Row.of("· commit", step(service, "commit"), Unit.MILLIS));
		rows.add(Row.against("unavailability window (old stopped … new seen running)", samples(service, RedeployRun::unavailable),
				Unit.MILLIS, "engine stop + create + start", engineTotal)
			.withTarget(Target.ratioAtMost(1.2)));
		rows.add(Row.against("docker CLI script: its window (stop … start)",
				samples(script, (p) -> p.get("stop") + p.get("create") + p.get("restore") + p.get("start")), Unit.MILLIS,
				"engine stop + create + start", engineTotal));
		rows.add(Row.of("service heap: high-water mark over the runs", Samples.of(HeapUse.mib(heap.peak())), Unit.MIB));
		rows.add(Row.of("service heap: most left in use after a GC", Samples.of(HeapUse.mib(heap.maxAfterGc())), Unit.MIB));
		String note = String.format(Locale.ROOT,
				"%s after one warm-up; %d files, %.0f MiB in %s (a redeploy.conf path, archived and restored). "
						+ "Floors in the same runs: the engine's API (stop, create on the same network, start) and "
						+ "scripts/docker-cli-redeploy.sh.",
				DataPath.runs(runs), data.files(), data.mebibytes(), BenchImages.DATA);
		return new Section("1. One node, 10 MiB kept", note, rows);
	}

	static Samples step(List<RedeployRun> runs, String name) {
		return samples(runs, (run) -> run.step(name));
	}

	static <T> Samples samples(List<T> runs, ToDoubleFunction<T> measure) {
		return new Samples(runs.stream().map(measure::applyAsDouble).toList());
	}

}
