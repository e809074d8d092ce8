package io.redeploy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The benchmark suite: builds the bench's images, starts the service's jar in its own JVM with a
 * 256 MiB heap, runs the scenarios (one node, the data path, a layer, the API under load) with their
 * floors measured in the same run, prints the table and writes it to
 * {@code redeploy-bench/target/bench/results.md}, then removes every container, volume, network and
 * image it made and stops the service. Run it with {@code scripts/bench.sh}, from the repository root.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (Options.UsageException ex) {
			System.err.println("bench: " + ex.getMessage());
			System.err.print(Options.USAGE);
			System.exit(2);
			return;
		}
		System.exit(run(options) ? 0 : 1);
	}

	private static boolean run(Options options) {
		String runId = Long.toString(Math.abs(new SecureRandom().nextLong()) % 2_000_000_000L, 36);
		Path work = options.workDir();
		clear(work);
		String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		String loadBefore = loadAverage();
		List<Section> sections = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		Floors floors = new Floors(runId, Path.of("scripts/docker-cli-redeploy.sh").toAbsolutePath());
		System.err.println("bench: building the images");
		BenchImages.build();
		System.err.println("bench: starting the service (" + Service.HEAP + ")");
		String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
		Bench bench = null;
		try (Service service = Service.start(options.jar(), work.resolve("service"), password, options.serviceArguments());
				HeapProbe heap = HeapProbe.attach(service.pid())) {
			Api api = new Api(service.port());
			api.signIn("admin", password);
			bench = new Bench(options, runId, api, heap, floors);
			scenario(bench, "single", SingleNode::run, sections, failures);
			scenario(bench, "data", DataPath::run, sections, failures);
			scenario(bench, "layer", Layer::run, sections, failures);
			scenario(bench, "api", ApiLatency::run, sections, failures);
		}
		catch (RuntimeException ex) {
			failures.add(ex.getMessage());
			ex.printStackTrace();
		}
		finally {
			cleanUp(bench, floors, options);
		}
		String header = header(options, startedAt, loadBefore, failures);
		String markdown = Report.markdown(header, sections);
		System.out.println();
		System.out.println(markdown);
		write(work.resolve("results.md"), markdown);
		write(work.resolve("samples.csv"), Report.csv(sections));
		System.err.println("bench: results in " + work.resolve("results.md") + ", every value in " + work.resolve("samples.csv"));
		return failures.isEmpty();
	}

	private static void scenario(Bench bench, String name, Function<Bench, Section> scenario, List<Section> sections,
			List<String> failures) {
		if (!bench.options().runs(name)) {
			return;
		}
		System.err.println("bench: scenario " + name);
		try {
			sections.add(scenario.apply(bench));
		}
		catch (RuntimeException ex) {
			failures.add(name + ": " + ex.getMessage());
			System.err.println("bench: scenario " + name + " failed:");
			ex.printStackTrace();
		}
		finally {
			bench.cleanUp();
		}
	}

	/** Whatever is left: environments the service could not delete (by their labels), the floors' containers, the images. */
	private static void cleanUp(Bench bench, Floors floors, Options options) {
		floors.removeContainers();
		if (bench != null) {
			for (String envName : bench.leftovers()) {
				String label = "label=io.redeploy.environment=" + envName;
				Shell.bash("ids=$(docker ps -aq --filter \"$1\"); [ -z \"$ids\" ] || docker rm -f $ids >/dev/null", label);
				Shell.bash("ids=$(docker volume ls -q --filter \"$1\"); [ -z \"$ids\" ] || docker volume rm $ids >/dev/null", label);
				Shell.dockerQuietly("network", "rm", "redeploy-" + envName);
			}
		}
		BenchImages.remove();
		if (!options.keep()) {
			for (String generated : List.of("service/data", "data-10m", "data-large", "floor", "cli-archives")) {
				Path path = options.workDir().resolve(generated);
				if (Files.exists(path)) {
					Shell.bash("rm -rf \"$1\"", path.toString());
				}
			}
		}
	}

	private static String header(Options options, String startedAt, String loadBefore, List<String> failures) {
		StringBuilder out = new StringBuilder("## Benchmark results\n\n");
		out.append(String.format(Locale.ROOT, "- run: %s, %s%s%n", startedAt, options.quick() ? "`--quick` (a smoke run)" : "full run",
				options.scenarios().size() < Options.SCENARIOS.size() ? ", only " + String.join(", ", options.scenarios()) : ""));
		out.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
			.append(firstLine("free -g | awk '/Mem:/ {print $2 \" GiB memory\"}'")).append(", kernel ")
			.append(firstLine("uname -r")).append(", Docker ")
			.append(firstLine("echo \"$(docker version --format '{{.Server.Version}}') ($(docker info --format '{{.Driver}}'))\""))
			.append(", Java ").append(System.getProperty("java.version")).append('\n');
		out.append("- load average (1, 5, 15 min) before: ").append(loadBefore).append(", after: ").append(loadAverage())
			.append(" — on a quiet machine both stay well under the number of cores\n");
		out.append("- the service: its Boot jar, `java ").append(Service.HEAP).append(" -jar`, embedded PostgreSQL, defaults")
			.append(options.serviceArguments().isEmpty() ? "" : " but " + String.join(" ", options.serviceArguments())).append('\n');
		failures.forEach((failure) -> out.append("- **failed**: ").append(failure.replace('\n', ' ')).append('\n'));
		return out.toString();
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + ", " + parts[1] + ", " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String firstLine(String script) {
		try {
			return Shell.bash(script).strip().split("\n")[0];
		}
		catch (RuntimeException ex) {
			return "unknown";
		}
	}

	private static void clear(Path work) {
		try {
			Files.createDirectories(work);
			Shell.bash("rm -rf \"$1\"/service \"$1\"/data-10m \"$1\"/data-large \"$1\"/floor \"$1\"/cli-archives", work.toString());
		}
		catch (IOException ex) {
			throw new BenchException("Cannot prepare " + work, ex);
		}
	}

	private static void write(Path file, String text) {
		try {
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			System.err.println("bench: cannot write " + file + ": " + ex.getMessage());
		}
	}

}
