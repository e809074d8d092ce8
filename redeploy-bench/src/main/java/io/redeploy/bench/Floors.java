package io.redeploy.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.HostConfig;

import io.redeploy.docker.testing.TestDocker;

/**
 * What the same work costs without the service: the engine's own stop, create and start (through its
 * API, as the service calls it), the hand-written docker CLI script, and {@code tar | gzip -1}. The
 * containers made here carry the run's label, so that the clean-up finds every one.
 */
final class Floors {

	static final String RUN_LABEL = "io.redeploy.bench.run";

	private final String runId;

	private final Path script;

	Floors(String runId, Path script) {
		this.runId = runId;
		this.script = script;
	}

	/** Milliseconds of each engine call in a bare replacement of one container by another. */
	record EngineTimes(double stop, double create, double start) {

		double total() {
			return this.stop + this.create + this.start;
		}

	}

	/**
	 * Starts a container of {@code oldImage} on {@code network} (not timed), then times the engine's
	 * stop of it, the create of one of {@code newImage} and its start until inspect says it runs; both
	 * are removed afterwards.
	 */
	EngineTimes engineReplace(String name, String network, String oldImage, String newImage) {
		DockerClient docker = TestDocker.client();
		String old = create(docker, name + "-old", network, oldImage);
		docker.startContainerCmd(old).exec();
		String created = "";
		try {
			long t0 = System.nanoTime();
			try {
				docker.stopContainerCmd(old).withTimeout(10).exec();
			}
			catch (NotModifiedException ex) {
				throw new BenchException("The floor's old container " + name + " had stopped by itself");
			}
			double stop = Shell.millisSince(t0);
			long t1 = System.nanoTime();
			created = create(docker, name, network, newImage);
			double create = Shell.millisSince(t1);
			long t2 = System.nanoTime();
			docker.startContainerCmd(created).exec();
			if (!Boolean.TRUE.equals(docker.inspectContainerCmd(created).exec().getState().getRunning())) {
				throw new BenchException("The floor's new container " + name + " is not running");
			}
			double start = Shell.millisSince(t2);
			return new EngineTimes(stop, create, start);
		}
		finally {
			docker.removeContainerCmd(old).withForce(true).exec();
			if (!created.isEmpty()) {
				docker.removeContainerCmd(created).withForce(true).exec();
			}
		}
	}

	/**
	 * The engine's floor for a layer: {@code count} running containers of {@code oldImage} (started
	 * untimed), then each stopped and replaced by a started one of {@code newImage}, {@code parallelism}
	 * at a time; answers the wall-clock milliseconds of the replacements.
	 */
	double engineReplaceAll(String prefix, int count, int parallelism, String network, String oldImage, String newImage) {
		DockerClient docker = TestDocker.client();
		ExecutorService pool = Executors.newFixedThreadPool(parallelism);
		List<String> olds = new ArrayList<>();
		List<String> news = Collections.synchronizedList(new ArrayList<>());
		try {
			all(pool, count, (i) -> {
				String id = create(docker, prefix + "-" + i + "-old", network, oldImage);
				docker.startContainerCmd(id).exec();
				synchronized (olds) {
					olds.add(id);
				}
			});
			long start = System.nanoTime();
			List<String> started = List.copyOf(olds);
			all(pool, count, (i) -> {
				docker.stopContainerCmd(started.get(i)).withTimeout(10).exec();
				String id = create(docker, prefix + "-" + i, network, newImage);
				news.add(id);
				docker.startContainerCmd(id).exec();
				if (!Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning())) {
					throw new BenchException("The floor's container " + prefix + "-" + i + " is not running");
				}
			});
			return Shell.millisSince(start);
		}
		finally {
			pool.shutdownNow();
			for (String id : olds) {
				Shell.dockerQuietly("rm", "-f", id);
			}
			for (String id : news) {
				Shell.dockerQuietly("rm", "-f", id);
			}
		}
	}

	private static void all(ExecutorService pool, int count, IntConsumer task) {
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			futures.add(pool.submit(() -> task.accept(index)));
		}
		for (Future<?> future : futures) {
			try {
				future.get();
			}
			catch (ExecutionException ex) {
				throw new BenchException("An engine floor call failed: " + ex.getCause(), ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new BenchException("Interrupted");
			}
		}
	}

	/** A running container for the docker CLI script to redeploy: named, on the network, labelled. */
	String startScriptContainer(String name, String network, String image) {
		DockerClient docker = TestDocker.client();
		String id = create(docker, name, network, image);
		docker.startContainerCmd(id).exec();
		return name;
	}

	/**
	 * Runs the docker CLI script on {@code container}; answers the phases it printed (milliseconds) and
	 * {@code total}, its time as a whole. The old container it leaves, renamed {@code <name>-old}, is
	 * removed first, untimed, as the service's previous snapshot is pruned.
	 */
	Map<String, Double> scriptRedeploy(String container, String newImage, Path workDir, List<String> paths) {
		Shell.dockerQuietly("rm", "-f", container + "-old");
		List<String> command = new ArrayList<>(List.of(this.script.toString(), container, newImage, workDir.toString()));
		command.addAll(paths);
		long start = System.nanoTime();
		String out = Shell.run(command);
		double total = Shell.millisSince(start);
		Map<String, Double> phases = new LinkedHashMap<>();
		for (String line : out.strip().split("\n")) {
			String[] parts = line.strip().split("\\s+");
			if (parts.length == 2) {
				phases.put(parts[0], Double.parseDouble(parts[1]));
			}
		}
		phases.put("total", total);
		return phases;
	}

	/** {@code tar -c | gzip -1 > file}, then {@code gzip -dc | tar -x} into an empty directory; milliseconds of each. */
	double[] tarGzip(Path data, Path archive, Path extractTo) {
		long t0 = System.nanoTime();
		Shell.bash("tar -C \"$1\" -cf - . | gzip -1 > \"$2\"", data.toString(), archive.toString());
		double pack = Shell.millisSince(t0);
		Shell.bash("rm -rf \"$1\" && mkdir -p \"$1\"", extractTo.toString());
		long t1 = System.nanoTime();
		Shell.bash("gzip -dc \"$1\" | tar -C \"$2\" -xf -", archive.toString(), extractTo.toString());
		double unpack = Shell.millisSince(t1);
		Shell.bash("rm -rf \"$1\"", extractTo.toString());
		return new double[] { pack, unpack };
	}

	/**
	 * The engine's own way in and out, as the docker CLI script goes: {@code docker cp container:path - |
	 * gzip -1 > file}, then {@code gzip -dc file | docker cp - new:path} into a created (not started)
	 * container of {@code image}, as the service restores; milliseconds of each.
	 */
	double[] dockerCp(String container, String path, Path archive, String network, String image) {
		long t0 = System.nanoTime();
		Shell.bash("docker cp \"$1:$2\" - | gzip -1 > \"$3\"", container, path, archive.toString());
		double out = Shell.millisSince(t0);
		DockerClient docker = TestDocker.client();
		String target = create(docker, container + "-cp-in", network, image);
		try {
			long t1 = System.nanoTime();
			Shell.bash("gzip -dc \"$1\" | docker cp - \"$2:$3\"", archive.toString(), target,
					path.substring(0, path.lastIndexOf('/')).isEmpty() ? "/" : path.substring(0, path.lastIndexOf('/')));
			return new double[] { out, Shell.millisSince(t1) };
		}
		finally {
			docker.removeContainerCmd(target).withForce(true).exec();
		}
	}

	/** Removes every container this run made itself (the service's are removed with their environments). */
	void removeContainers() {
		String ids = Shell.docker("ps", "-aq", "--filter", "label=" + RUN_LABEL + "=" + this.runId).strip();
		if (!ids.isEmpty()) {
			List<String> command = new ArrayList<>(List.of("rm", "-f"));
			command.addAll(List.of(ids.split("\\s+")));
			Shell.dockerQuietly(command.toArray(String[]::new));
		}
	}

	private String create(DockerClient docker, String name, String network, String image) {
		return docker.createContainerCmd(image)
			.withName(name)
			.withHostName(name)
			.withLabels(Map.of(RUN_LABEL, this.runId))
			.withHostConfig(HostConfig.newHostConfig().withNetworkMode(network))
			.exec()
			.getId();
	}

}
