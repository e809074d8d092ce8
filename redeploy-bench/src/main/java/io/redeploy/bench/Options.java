package io.redeploy.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code scripts/bench.sh}.
 *
 * @param scenarios which scenarios run, in this order: single, data, layer, api
 * @param singleRuns measured runs of the one-node scenario
 * @param dataRuns measured runs of the data-path scenario
 * @param layerRuns measured runs of each layer redeploy
 * @param apiRuns measured load windows of the API scenario
 * @param dataMib the data path's data set
 * @param layerNodes nodes of the layer
 * @param rate getenvinfo requests per second
 * @param loadWindow length of each measured load window
 * @param serviceArguments extra {@code --name=value} arguments for the service
 */
record Options(Set<String> scenarios, int singleRuns, int dataRuns, int layerRuns, int apiRuns, int dataMib,
		int layerNodes, int rate, Duration loadWindow, Path jar, Path workDir, boolean keep, boolean quick,
		List<String> serviceArguments) {

	static final List<String> SCENARIOS = List.of("single", "data", "layer", "api");

	static final String USAGE = """
			usage: scripts/bench.sh [--quick] [--only=single,data,layer,api] [--runs=N] [--data-mib=N]
			                        [--layer-nodes=N] [--rate=N] [--load-seconds=N] [--keep]
			                        [--jar=PATH] [--service-arg=--name=value]...
			  --quick           a smoke run: 2 one-node runs, 1 of the rest, 256 MiB of data, 10 s of load
			  --only=LIST       run only these scenarios (comma-separated)
			  --runs=N          measured runs of every scenario (default 5 for one node, 3 for the others)
			  --data-mib=N      size of the data path's data set (default 1024)
			  --layer-nodes=N   nodes in the layer (default 20)
			  --rate=N          getenvinfo requests per second (default 200)
			  --load-seconds=N  length of each load window (default 20)
			  --keep            leave the data directory and generated files under redeploy-bench/target/bench
			  --jar=PATH        the service's jar (default redeploy-app/target/redeploy-app.jar)
			  --service-arg=A   pass A to the service, e.g. --service-arg=--redeploy.redeploys.parallelism=8
			""";

	static Options parse(String[] args) {
		boolean quick = List.of(args).contains("--quick");
		Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
		int single = quick ? 2 : 5;
		int others = quick ? 1 : 3;
		int runs = -1;
		int dataMib = quick ? 256 : 1024;
		int layerNodes = 20;
		int rate = 200;
		int loadSeconds = quick ? 10 : 20;
		boolean keep = false;
		Path jar = Path.of("redeploy-app/target/redeploy-app.jar");
		List<String> serviceArguments = new ArrayList<>();
		for (String arg : args) {
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
			if (arg.equals("--quick")) {
				continue;
			}
			else if (arg.equals("--keep")) {
				keep = true;
			}
			else if (arg.startsWith("--only=")) {
				scenarios = new LinkedHashSet<>();
				for (String name : value.split(",")) {
					if (!SCENARIOS.contains(name.strip())) {
						throw new UsageException("unknown scenario '" + name + "'; known: " + String.join(", ", SCENARIOS));
					}
					scenarios.add(name.strip());
				}
				Set<String> ordered = new LinkedHashSet<>(SCENARIOS);
				ordered.retainAll(scenarios);
				scenarios = ordered;
			}
			else if (arg.startsWith("--runs=")) {
				runs = positive(arg, value);
			}
			else if (arg.startsWith("--data-mib=")) {
				dataMib = positive(arg, value);
			}
			else if (arg.startsWith("--layer-nodes=")) {
				layerNodes = positive(arg, value);
			}
			else if (arg.startsWith("--rate=")) {
				rate = positive(arg, value);
			}
			else if (arg.startsWith("--load-seconds=")) {
				loadSeconds = positive(arg, value);
			}
			else if (arg.startsWith("--jar=")) {
				jar = Path.of(value);
			}
			else if (arg.startsWith("--service-arg=")) {
				serviceArguments.add(value);
			}
			else {
				throw new UsageException("unknown argument '" + arg + "'");
			}
		}
		if (runs > 0) {
			single = runs;
			others = runs;
		}
		return new Options(scenarios, single, others, others, others, dataMib, layerNodes, rate,
				Duration.ofSeconds(loadSeconds), jar.toAbsolutePath(), Path.of("redeploy-bench/target/bench").toAbsolutePath(),
				keep, quick, List.copyOf(serviceArguments));
	}

	boolean runs(String scenario) {
		return this.scenarios.contains(scenario);
	}

	private static int positive(String arg, String value) {
		try {
			int number = Integer.parseInt(value);
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new UsageException(arg + ": a positive number is needed");
	}

	/** A command line that cannot be run: the usage is printed and the exit code is 2. */
	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

}
