package io.redeploy.docker;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.transport.DockerHttpClient;
import io.redeploy.core.runtime.ContainerSpec;
import io.redeploy.core.runtime.ContainerState;
import io.redeploy.core.runtime.ExecResult;
import io.redeploy.core.runtime.ImageInfo;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The container runtime on a Docker engine, through docker-java. */
final class DockerContainerRuntime implements DockerEngine {

	private static final Logger logger = LoggerFactory.getLogger(DockerContainerRuntime.class);

	private final DockerClient docker;

	private final NetworksAndVolumes networksAndVolumes;

	private final ImagePuller puller;

	private final ExecRunner execRunner;

	private final ContainerArchives archives;

	DockerContainerRuntime(DockerClient docker, DockerHttpClient http) {
		this.docker = docker;
		this.networksAndVolumes = new NetworksAndVolumes(docker);
		this.puller = new ImagePuller(docker);
		this.execRunner = new ExecRunner(docker);
		this.archives = new ContainerArchives(docker, http);
	}

	@Override
	public void ping() {
		DockerErrors.run(Target.engine(), "ping", () -> this.docker.pingCmd().exec());
	}

	@Override
	public EngineInfo info() {
		Version version = DockerErrors.call(Target.engine(), "query", () -> this.docker.versionCmd().exec());
		return new EngineInfo(version.getVersion(), version.getApiVersion(), version.getOperatingSystem(),
				version.getArch());
	}

	@Override
	public void createNetwork(String name, Map<String, String> labels) {
		this.networksAndVolumes.createNetwork(name, labels);
	}

	@Override
	public void removeNetwork(String name) {
		this.networksAndVolumes.removeNetwork(name);
	}

	@Override
	public void createVolume(String name, Map<String, String> labels) {
		this.networksAndVolumes.createVolume(name, labels);
	}

	@Override
	public void removeVolume(String name) {
		this.networksAndVolumes.removeVolume(name);
	}

	@Override
	public List<String> listVolumes(Map<String, String> labels) {
		return this.networksAndVolumes.listVolumes(labels);
	}

	@Override
	public List<String> listNetworks(Map<String, String> labels) {
		return this.networksAndVolumes.listNetworks(labels);
	}

	@Override
	public boolean imageExists(ImageRef image) {
		return DockerErrors.call(Target.image(image), "inspect", () -> {
			try {
				this.docker.inspectImageCmd(image.toString()).exec();
				return true;
			}
			catch (NotFoundException ex) {
				return false;
			}
		});
	}

	@Override
	public List<String> localTags(String repository) {
		String prefix = repository + ":";
		List<Image> images = DockerErrors.call(Target.engine(), "list images",
				() -> this.docker.listImagesCmd().withImageNameFilter(repository).exec());
		return images.stream()
			.flatMap((image) -> (image.getRepoTags() != null) ? Stream.of(image.getRepoTags()) : Stream.empty())
			.filter((repoTag) -> repoTag.startsWith(prefix))
			.map((repoTag) -> repoTag.substring(prefix.length()))
			.distinct()
			.sorted()
			.toList();
	}

	@Override
	public void pullImage(ImageRef image, Optional<RegistryCredentials> credentials) {
		this.puller.pull(image, credentials);
	}

	@Override
	public ImageInfo inspectImage(ImageRef image) {
		return EngineViews.image(DockerErrors.call(Target.image(image), "inspect",
				() -> this.docker.inspectImageCmd(image.toString()).exec()));
	}

	@Override
	public String createContainer(ContainerSpec spec) {
		String id = DockerErrors.call(Target.newContainer(spec.name(), spec.image()), "create",
				() -> ContainerRequests.apply(spec, this.docker.createContainerCmd(spec.image().toString()))
					.exec()
					.getId());
		logger.info("Created container {} ({}) from {}", spec.name(), shortId(id), spec.image());
		return id;
	}

	@Override
	public void startContainer(String containerId) {
		DockerErrors.run(Target.container(containerId), "start",
				() -> this.docker.startContainerCmd(containerId).exec());
	}

	@Override
	public void stopContainer(String containerId, Duration timeout) {
		DockerErrors.run(Target.container(containerId), "stop", () -> {
			try {
				this.docker.stopContainerCmd(containerId).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
			}
			catch (NotModifiedException ex) {
				logger.debug("Container {} was not running", containerId);
			}
		});
	}

	@Override
	public void removeContainer(String containerId) {
		DockerErrors.run(Target.container(containerId), "remove", () -> {
			try {
				this.docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(false).exec();
				logger.info("Removed container {}", shortId(containerId));
			}
			catch (NotFoundException ex) {
				logger.debug("Container {} was already gone", containerId);
			}
		});
	}

	@Override
	public void renameContainer(String containerId, String newName) {
		DockerErrors.run(Target.container(containerId), "rename to " + newName,
				() -> this.docker.renameContainerCmd(containerId).withName(newName).exec());
	}

	@Override
	public Optional<ContainerState> inspectContainer(String containerIdOrName) {
		return DockerErrors.call(Target.container(containerIdOrName), "inspect", () -> {
			try {
				return Optional.of(EngineViews.container(this.docker.inspectContainerCmd(containerIdOrName).exec()));
			}
			catch (NotFoundException ex) {
				return Optional.empty();
			}
		});
	}

	/**
	 * Lists, then inspects each container: the list reports neither exit codes nor health, and
	 * the inspected state is the one {@link #inspectContainer} gives. A container removed in between
	 * is left out.
	 */
	@Override
	public List<ContainerState> listContainers(Map<String, String> labels) {
		List<Container> containers = DockerErrors.call(Target.engine(), "list containers on",
				() -> this.docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
		return containers.stream()
			.map((container) -> inspectContainer(container.getId()))
			.flatMap(Optional::stream)
			.toList();
	}

	@Override
	public ExecResult exec(String containerId, List<String> command, Duration timeout) {
		return this.execRunner.exec(containerId, command, timeout);
	}

	@Override
	public InputStream openArchive(String containerId, String path) {
		return this.archives.open(containerId, path);
	}

	@Override
	public void putArchive(String containerId, String directory, InputStream tar) {
		this.archives.put(containerId, directory, tar);
	}

	@Override
	public byte[] readFile(String containerId, String path, long maxBytes) {
		return this.archives.readFile(containerId, path, maxBytes);
	}

	@Override
	public void writeFile(String containerId, String path, byte[] content) {
		this.archives.writeFile(containerId, path, Objects.requireNonNull(content, "content"));
	}

	// Closing the client closes its transport too.
	@Override
	public void close() {
		try {
			this.docker.close();
		}
		catch (IOException ex) {
			logger.debug("Could not close the Docker client", ex);
		}
	}

	private static String shortId(String id) {
		return (id.length() > 12) ? id.substring(0, 12) : id;
	}

}
