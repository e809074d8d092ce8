package io.redeploy.core.runtime;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the core needs from a container engine. Implementations translate engine failures into
 * {@link ContainerRuntimeException} and its subclasses, an engine that cannot be reached into
 * {@link ContainerEngineUnavailableException}; "not found" is only ignored where a method says so.
 * A core exception thrown by a stream handed to the runtime comes back out as it is.
 */
public interface ContainerRuntime {

	/** Creates a bridge network, or does nothing when one of that name exists. */
	void createNetwork(String name, Map<String, String> labels);

	/** Removes a network; a missing one is ignored. */
	void removeNetwork(String name);

	/** Creates a named volume, or does nothing when one of that name exists. */
	void createVolume(String name, Map<String, String> labels);

	/** Removes a named volume; a missing one is ignored. */
	void removeVolume(String name);

	/** Names of the volumes carrying all the given labels. */
	List<String> listVolumes(Map<String, String> labels);

	/** Names of the networks carrying all the given labels. */
	List<String> listNetworks(Map<String, String> labels);

	boolean imageExists(ImageRef image);

	/**
	 * Pulls an image, with credentials when given.
	 * @throws ImageNotFoundException when the registry has no such image
	 * @throws RegistryAuthenticationException when the registry refuses the credentials
	 */
	void pullImage(ImageRef image, Optional<RegistryCredentials> credentials);

	/** @throws ImageNotFoundException when the image is not present locally */
	ImageInfo inspectImage(ImageRef image);

	/** Creates (does not start) a container and returns its id. */
	String createContainer(ContainerSpec spec);

	void startContainer(String containerId);

	/** Stops gracefully, killing after the timeout; a container already stopped is left as it is. */
	void stopContainer(String containerId, Duration timeout);

	/** Removes a container (forced, its named volumes kept); a missing one is ignored. */
	void removeContainer(String containerId);

	void renameContainer(String containerId, String newName);

	/** The container's state, or empty when there is no container of that id or name. */
	Optional<ContainerState> inspectContainer(String containerIdOrName);

	/** Containers, running or not, carrying all the given labels. */
	List<ContainerState> listContainers(Map<String, String> labels);

	/** Runs a command inside a running container and waits for it, at most {@code timeout}. */
	ExecResult exec(String containerId, List<String> command, Duration timeout);

	/**
	 * Opens a tar stream of {@code path} inside the container (running or stopped), the way
	 * {@code docker cp} does: the entries are named relative to the path's parent. The caller closes it.
	 * @throws ContainerPathNotFoundException when the path does not exist
	 */
	InputStream openArchive(String containerId, String path);

	/**
	 * Extracts a tar stream into {@code directory} inside the container (running or stopped). An entry
	 * whose path exists as another kind (a directory where the entry is not one, or the reverse) is
	 * refused rather than replaced, so that nothing of the container is removed to make room.
	 * @throws ContainerPathNotFoundException when the directory does not exist
	 */
	void putArchive(String containerId, String directory, InputStream tar);

	/**
	 * Reads one regular file from the container, refusing files larger than {@code maxBytes}.
	 * @throws ContainerPathNotFoundException when the path does not exist
	 * @throws ContainerRuntimeException when the path is not a regular file or is too large
	 */
	byte[] readFile(String containerId, String path, long maxBytes);

	/**
	 * Writes one regular file into the container (mode 0644 for a new file, the old mode and owner
	 * kept for an existing one), creating missing parent directories.
	 */
	void writeFile(String containerId, String path, byte[] content);

}
