package io.redeploy.core.runtime;

/** A path that does not exist inside a container. */
public class ContainerPathNotFoundException extends ContainerRuntimeException {

	private final String containerId;

	private final String path;

	public ContainerPathNotFoundException(String containerId, String path) {
		super("No such path in container " + shortId(containerId) + ": " + path);
		this.containerId = containerId;
		this.path = path;
	}

	public String containerId() {
		return this.containerId;
	}

	public String path() {
		return this.path;
	}

	private static String shortId(String id) {
		return (id.length() > 12) ? id.substring(0, 12) : id;
	}

}
