package io.redeploy.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.redeploy.bench.Bench.EnvironmentNodes;

/** Scenario 4: getenvinfo of a one-node environment under an open-loop load on loopback. */
final class ApiLatency {

	private ApiLatency() {
	}

	static Section run(Bench bench) {
		EnvironmentNodes env = bench.createEnvironment("api", Map.of("cp", 1));
		int rate = bench.options().rate();
		Duration window = bench.options().loadWindow();
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(bench.api().baseUrl()
				+ "/1.0/environment/control/rest/getenvinfo?envName=" + env.envName()))
			.header("Authorization", "Bearer " + bench.api().session())
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();

		OpenLoop.run(client, request, rate, Duration.ofSeconds(5));
		List<OpenLoop.Latencies> windows = new ArrayList<>();
		for (int run = 0; run < bench.options().apiRuns(); run++) {
			OpenLoop.Latencies latencies = OpenLoop.run(client, request, rate, window);
			windows.add(latencies);
			System.err.printf(Locale.ROOT, "bench: getenvinfo, window %d/%d: p50 %.1f ms, p99 %.1f ms, max %.0f ms, %d errors%n",
					run + 1, bench.options().apiRuns(), latencies.percentile(50), latencies.percentile(99),
					latencies.percentile(100), latencies.errors());
		}
		List<Row> rows = new ArrayList<>();
		rows.add(Row.of("getenvinfo p50", SingleNode.samples(windows, (l) -> l.percentile(50)), Unit.LATENCY));
		rows.add(Row.of("getenvinfo p90", SingleNode.samples(windows, (l) -> l.percentile(90)), Unit.LATENCY));
		rows.add(Row.of("getenvinfo p99", SingleNode.samples(windows, (l) -> l.percentile(99)), Unit.LATENCY)
			.withTarget(Target.below(20)));
		rows.add(Row.of("getenvinfo max", SingleNode.samples(windows, (l) -> l.percentile(100)), Unit.LATENCY));
		rows.add(Row.of("answered per second", SingleNode.samples(windows, OpenLoop.Latencies::rate), Unit.PER_SECOND));
		rows.add(Row.of("errors (not 200)", SingleNode.samples(windows, (l) -> l.errors()), Unit.COUNT)
			.withTarget(Target.below(1)));
		String note = String.format(Locale.ROOT, "%s of %d s at %d requests/s after 5 s of warm-up; open loop "
				+ "(java.net.http, HTTP/1.1 keep-alive), latency from each request's due time; the load generator shares "
				+ "the machine with the service.", (windows.size() == 1) ? "1 window" : windows.size() + " windows",
				window.toSeconds(), rate);
		return new Section("4. API: getenvinfo at " + rate + " requests/s", note, rows);
	}

}
