package io.redeploy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.redeploy.bench.Bench.EnvironmentNodes;
import io.redeploy.bench.HeapProbe.HeapUse;

/**
 * Scenario 2: the data path. A node keeping a large tree of mixed files is redeployed; its archive and
 * restore throughput is held against {@code tar | gzip -1} and back on the same files on the host, and
 * the service's heap at that size against its heap on a node keeping 10 MiB.
 */
final class DataPath {

	private DataPath() {
	}

	static Section run(Bench bench) {
		int runs = bench.options().dataRuns();
		EnvironmentNodes env = bench.createEnvironment("data", Map.of("small", 1, "large", 1));
		long smallId = EnvironmentNodes.id(env.group("small").get(0));
		long largeId = EnvironmentNodes.id(env.group("large").get(0));
		String largeContainer = EnvironmentNodes.container(env.group("large").get(0));
		DataSet small = bench.dataSet("data-10m", SingleNode.DATA_BYTES);
		small.copyInto(EnvironmentNodes.container(env.group("small").get(0)), BenchImages.DATA);
		System.err.printf("bench: data path: writing %d MiB of files%n", bench.options().dataMib());
		DataSet large = bench.dataSet("data-large", bench.options().dataMib() * 1024L * 1024);
		large.copyInto(largeContainer, BenchImages.DATA);
		double mib = large.mebibytes();

		// the same number of runs at both sizes, after a warm-up, so that only the size differs
		RedeployRun.call(bench.api(), env.envName(), "nodeId", smallId, "2", true);
		bench.heap().start();
		for (int run = 0; run < runs; run++) {
			RedeployRun.call(bench.api(), env.envName(), "nodeId", smallId, (run % 2 == 0) ? "1" : "2", true);
		}
		HeapUse smallHeap = bench.heap().stop();

		List<RedeployRun> service = new ArrayList<>();
		List<double[]> floor = new ArrayList<>();
		List<double[]> engine = new ArrayList<>();
		Path floorArchive = bench.work("floor").resolve("data.tar.gz");
		Path floorOut = bench.work("floor").resolve("out");
		long floorSize = 0;
		bench.heap().start();
		for (int run = 0; run < runs; run++) {
			Shell.sync();
			RedeployRun redeploy = RedeployRun.call(bench.api(), env.envName(), "nodeId", largeId, (run % 2 == 0) ? "2" : "1", true);
			service.add(redeploy);
			Shell.sync();
			double[] tarGzip = bench.floors().tarGzip(large.directory(), floorArchive, floorOut);
			floor.add(tarGzip);
			floorSize = size(floorArchive);
			Shell.sync();
			double[] dockerCp = bench.floors().dockerCp(largeContainer, BenchImages.DATA, floorArchive, env.network(),
					BenchImages.image("1"));
			engine.add(dockerCp);
			System.err.printf(Locale.ROOT, "bench: data path, run %d/%d: archive %.0f ms + verify %.0f ms + restore %.0f ms; "
					+ "tar|gzip %.0f ms + gunzip|tar %.0f ms; docker cp out %.0f ms, in %.0f ms%n", run + 1, runs,
					redeploy.step("archive"), redeploy.step("verify_archives"), redeploy.step("restore"), tarGzip[0], tarGzip[1],
					dockerCp[0], dockerCp[1]);
		}
		HeapUse largeHeap = bench.heap().stop();
		Checks.sameData(large, largeContainer, "the large node");

		Samples archive = SingleNode.step(service, "archive");
		Samples verify = SingleNode.step(service, "verify_archives");
		Samples restore = SingleNode.step(service, "restore");
		Samples pack = SingleNode.samples(floor, (times) -> times[0]);
		Samples unpack = SingleNode.samples(floor, (times) -> times[1]);
		List<Row> rows = new ArrayList<>();
		rows.add(Row.against("archive: container → .tar.gz", throughput(mib, archive), Unit.MIB_PER_SECOND,
				"tar -c | gzip -1", throughput(mib, pack)));
		rows.add(Row.against("· the engine's way out", throughput(mib, archive), Unit.MIB_PER_SECOND,
				"docker cp … - | gzip -1", throughput(mib, SingleNode.samples(engine, (times) -> times[0]))));
		rows.add(Row.of("verify archives: re-read, sha256, entry check", verify, Unit.MILLIS));
		rows.add(Row.against("restore: .tar.gz → container", throughput(mib, restore), Unit.MIB_PER_SECOND,
				"gzip -dc | tar -x", throughput(mib, unpack)));
		rows.add(Row.against("· the engine's way in", throughput(mib, restore), Unit.MIB_PER_SECOND,
				"gzip -dc | docker cp -", throughput(mib, SingleNode.samples(engine, (times) -> times[1]))));
		rows.add(Row.against("data path: archive + verify + restore", throughput(mib, archive.plus(verify).plus(restore)),
				Unit.MIB_PER_SECOND, "both directions", throughput(mib, pack.plus(unpack)))
			.withTarget(Target.ratioAtLeast(0.9)));
		rows.add(Row.against("data path without the verify re-read", throughput(mib, archive.plus(restore)),
				Unit.MIB_PER_SECOND, "both directions", throughput(mib, pack.plus(unpack))));
		rows.add(Row.against("archive size", SingleNode.samples(service, (r) -> r.archiveBytes() / (1024.0 * 1024.0)),
				Unit.MIB, "gzip -1", Samples.of(floorSize / (1024.0 * 1024.0))));
		rows.add(Row.of("redeploy total", SingleNode.samples(service, RedeployRun::totalMillis), Unit.MILLIS));
		rows.add(Row.of("unavailability window (old stopped … new seen running)",
				SingleNode.samples(service, RedeployRun::unavailable), Unit.MILLIS));
		rows.add(Row.against("service heap: high-water mark", Samples.of(HeapUse.mib(largeHeap.peak())), Unit.MIB,
				"at 10 MiB", Samples.of(HeapUse.mib(smallHeap.peak()))));
		rows.add(Row.against("service heap: most left in use after a GC", Samples.of(HeapUse.mib(largeHeap.maxAfterGc())),
				Unit.MIB, "at 10 MiB", Samples.of(HeapUse.mib(smallHeap.maxAfterGc())))
			.withTarget(Target.ratioAtMost(1.25)));
		String note = String.format(Locale.ROOT,
				"%s; %.0f MiB in %d files (half in 4 random files, a fifth in 2 log-like text files, the rest in "
						+ "files of 0.5–16 KiB); MiB/s of uncompressed data. Floor: GNU tar and gzip -1 on the same files "
						+ "on the host; the rows marked · compare with the engine's own copy out and in (docker cp). Heap: the service runs with %s; %d GCs during the large runs, %d during as many "
						+ "runs at 10 MiB; each window starts after a full GC.",
				runs(runs), mib, large.files(), Service.HEAP, largeHeap.collections(), smallHeap.collections());
		return new Section("2. Data path, " + Math.round(mib) + " MiB kept", note, rows);
	}

	static String runs(int runs) {
		return (runs == 1) ? "1 run" : runs + " runs";
	}

	private static Samples throughput(double mib, Samples millis) {
		return millis.map((ms) -> mib / (ms / 1000.0));
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
