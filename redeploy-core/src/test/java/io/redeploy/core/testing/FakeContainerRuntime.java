package io.redeploy.core.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.redeploy.core.runtime.ContainerEngineUnavailableException;
import io.redeploy.core.runtime.ContainerPathNotFoundException;
import io.redeploy.core.runtime.ContainerRuntime;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ContainerSpec;
import io.redeploy.core.runtime.ContainerState;
import io.redeploy.core.runtime.ExecResult;
import io.redeploy.core.runtime.ImageInfo;
import io.redeploy.core.runtime.ImageNotFoundException;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryAuthenticationException;
import io.redeploy.core.runtime.RegistryCredentials;

/**
 * An in-memory container engine. Archives are opaque byte streams ({@code tar:<container>:<path>});
 * every call is logged as a line such as {@code stop c1} or {@code create shop-node1 repo/app:2}, and
 * {@link #failOn} makes the first call whose line starts with a prefix throw, and
 * {@link #unreachableFrom} makes the engine unreachable for a number of calls, as while it restarts.
 */
public class FakeContainerRuntime implements ContainerRuntime {

	private final Map<String, Container> containers = Collections.synchronizedMap(new LinkedHashMap<>());

	private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

	private final Set<String> volumes = Collections.synchronizedSet(new HashSet<>());

	private final Set<String> localImages = Collections.synchronizedSet(new HashSet<>());

	private final Set<String> registryImages = Collections.synchronizedSet(new HashSet<>());

	private final Map<String, String> registryPasswords = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Set<String> failures = Collections.synchronizedSet(new HashSet<>());

	private final Set<String> unhealthyImages = Collections.synchronizedSet(new HashSet<>());

	private final Set<String> missingPaths = Collections.synchronizedSet(new HashSet<>());

	private final AtomicInteger ids = new AtomicInteger();

	private String outageFrom = "";

	private int outageCalls;

	private boolean outageStarted;

	public void addRegistryImage(String image) {
		this.registryImages.add(image);
	}

	public void addRegistryImage(String image, String login, String password) {
		this.registryImages.add(image);
		this.registryPasswords.put(image, login + ":" + password);
	}

	public void addLocalImage(String image) {
		this.localImages.add(image);
	}

	/** The next call whose log line starts with {@code prefix} throws. */
	public void failOn(String prefix) {
		this.failures.add(prefix);
	}

	/**
	 * From the first call whose log line starts with {@code prefix}, that call and the ones after it throw
	 * {@link ContainerEngineUnavailableException}, {@code calls} in all ({@link Integer#MAX_VALUE}: for good).
	 */
	public synchronized void unreachableFrom(String prefix, int calls) {
		this.outageFrom = prefix;
		this.outageCalls = calls;
		this.outageStarted = false;
	}

	/** Containers of this image run but report {@code unhealthy}. */
	public void makeUnhealthy(String image) {
		this.unhealthyImages.add(image);
	}

	/** {@code openArchive} and {@code readFile} of this path say it does not exist. */
	public void removePath(String path) {
		this.missingPaths.add(path);
	}

	public void clearCalls() {
		this.calls.clear();
	}

	public List<String> calls() {
		synchronized (this.calls) {
			return List.copyOf(this.calls);
		}
	}

	public Optional<Container> container(String idOrName) {
		synchronized (this.containers) {
			Container byId = this.containers.get(idOrName);
			if (byId != null) {
				return Optional.of(byId);
			}
			return this.containers.values().stream().filter((c) -> c.name.equals(idOrName)).findFirst();
		}
	}

	public Set<String> volumes() {
		return Set.copyOf(this.volumes);
	}

	/** Creates a running container as the environment service would have. */
	public String runContainer(ContainerSpec spec) {
		String id = createContainer(spec);
		startContainer(id);
		return id;
	}

	@Override
	public void createNetwork(String name, Map<String, String> labels) {
		call("createNetwork " + name);
	}

	@Override
	public void removeNetwork(String name) {
		call("removeNetwork " + name);
	}

	@Override
	public void createVolume(String name, Map<String, String> labels) {
		call("createVolume " + name);
		this.volumes.add(name);
	}

	@Override
	public void removeVolume(String name) {
		call("removeVolume " + name);
		this.volumes.remove(name);
	}

	@Override
	public List<String> listVolumes(Map<String, String> labels) {
		return List.copyOf(this.volumes);
	}

	@Override
	public List<String> listNetworks(Map<String, String> labels) {
		return List.of();
	}

	@Override
	public boolean imageExists(ImageRef image) {
		return this.localImages.contains(image.toString());
	}

	@Override
	public void pullImage(ImageRef image, Optional<RegistryCredentials> credentials) {
		call("pull " + image);
		String name = image.toString();
		if (!this.registryImages.contains(name)) {
			throw new ImageNotFoundException(image, "not in the registry");
		}
		String password = this.registryPasswords.get(name);
		if (password != null && !credentials.map((c) -> c.login() + ":" + c.password()).orElse("").equals(password)) {
			throw new RegistryAuthenticationException(image, "unauthorized");
		}
		this.localImages.add(name);
	}

	@Override
	public ImageInfo inspectImage(ImageRef image) {
		if (!this.localImages.contains(image.toString())) {
			throw new ImageNotFoundException(image, "not local");
		}
		return new ImageInfo("sha256:" + image, List.of("PATH=/usr/bin", "APP_HOME=/opt/app"), List.of(), List.of(), "", "",
				List.of(), this.unhealthyImages.contains(image.toString()));
	}

	@Override
	public String createContainer(ContainerSpec spec) {
		call("create " + spec.name() + " " + spec.image());
		if (!this.localImages.contains(spec.image().toString())) {
			throw new ImageNotFoundException(spec.image(), "not local");
		}
		synchronized (this.containers) {
			if (container(spec.name()).isPresent()) {
				throw new ContainerRuntimeException("Conflict: name " + spec.name() + " is in use");
			}
			String id = "c" + this.ids.incrementAndGet();
			this.containers.put(id, new Container(id, spec));
			return id;
		}
	}

	@Override
	public void startContainer(String containerId) {
		call("start " + containerId);
		require(containerId).running = true;
	}

	@Override
	public void stopContainer(String containerId, Duration timeout) {
		call("stop " + containerId);
		require(containerId).running = false;
	}

	@Override
	public void removeContainer(String containerId) {
		call("remove " + containerId);
		this.containers.remove(containerId);
	}

	@Override
	public void renameContainer(String containerId, String newName) {
		call("rename " + containerId + " " + newName);
		synchronized (this.containers) {
			if (container(newName).filter((c) -> !c.id.equals(containerId)).isPresent()) {
				throw new ContainerRuntimeException("Conflict: name " + newName + " is in use");
			}
			require(containerId).name = newName;
		}
	}

	@Override
	public Optional<ContainerState> inspectContainer(String containerIdOrName) {
		return container(containerIdOrName).map(Container::state);
	}

	@Override
	public List<ContainerState> listContainers(Map<String, String> labels) {
		synchronized (this.containers) {
			return this.containers.values().stream().map(Container::state).toList();
		}
	}

	@Override
	public ExecResult exec(String containerId, List<String> command, Duration timeout) {
		call("exec " + containerId + " " + String.join(" ", command));
		Container container = require(containerId);
		if (!container.running) {
			throw new ContainerRuntimeException("Container " + containerId + " is not running");
		}
		return new ExecResult(0, container.home + "\n", "");
	}

	@Override
	public InputStream openArchive(String containerId, String path) {
		call("openArchive " + containerId + " " + path);
		require(containerId);
		if (this.missingPaths.contains(path)) {
			throw new ContainerPathNotFoundException(containerId, path);
		}
		return new ByteArrayInputStream(("tar:" + containerId + ":" + path).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void putArchive(String containerId, String directory, InputStream tar) {
		try {
			String content = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
			call("put " + containerId + " " + directory + " " + content);
			require(containerId).archives.add(content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public byte[] readFile(String containerId, String path, long maxBytes) {
		call("readFile " + containerId + " " + path);
		byte[] content = require(containerId).files.get(path);
		if (content == null || this.missingPaths.contains(path)) {
			throw new ContainerPathNotFoundException(containerId, path);
		}
		return content;
	}

	@Override
	public void writeFile(String containerId, String path, byte[] content) {
		call("writeFile " + containerId + " " + path);
		require(containerId).files.put(path, content);
	}

	private Container require(String containerId) {
		return container(containerId).orElseThrow(() -> new ContainerRuntimeException("No such container: " + containerId));
	}

	private void call(String line) {
		this.calls.add(line);
		synchronized (this) {
			if (this.outageCalls > 0 && (this.outageStarted || line.startsWith(this.outageFrom))) {
				this.outageStarted = true;
				this.outageCalls--;
				throw new ContainerEngineUnavailableException("injected: the engine cannot be reached for '" + line + "'", null);
			}
		}
		synchronized (this.failures) {
			for (String prefix : this.failures) {
				if (line.startsWith(prefix)) {
					this.failures.remove(prefix);
					throw new ContainerRuntimeException("injected failure of '" + line + "'");
				}
			}
		}
	}

	/** A container of the fake engine. */
	public final class Container {

		public final String id;

		public final ContainerSpec spec;

		public volatile String name;

		public volatile boolean running;

		public volatile String home = "/root";

		public final Map<String, byte[]> files = Collections.synchronizedMap(new LinkedHashMap<>());

		/** What was extracted into the container, in order. */
		public final List<String> archives = Collections.synchronizedList(new ArrayList<>());

		Container(String id, ContainerSpec spec) {
			this.id = id;
			this.spec = spec;
			this.name = spec.name();
		}

		ContainerState state() {
			boolean unhealthy = FakeContainerRuntime.this.unhealthyImages.contains(this.spec.image().toString());
			Optional<String> health = unhealthy ? Optional.of(this.running ? "unhealthy" : "starting") : Optional.empty();
			return new ContainerState(this.id, "/" + this.name, this.spec.image().toString(), this.running, 0,
					this.running ? "running" : "exited", health, this.spec.labels(), List.of());
		}

	}

}
