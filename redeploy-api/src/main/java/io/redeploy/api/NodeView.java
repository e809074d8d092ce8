package io.redeploy.api;

import java.util.List;
import java.util.Map;

/** A node as the API shows it, with its custom settings and its container's published ports. */
public record NodeView(long id, String nodeGroup, String image, String tag, String status, boolean running,
		String containerName, String containerId, String hostname, List<PortView> ports, Custom custom) {

	/** A container port published on the host. */
	public record PortView(int containerPort, String protocol, int hostPort) {
	}

	/** The user's own settings, re-applied on every redeploy. */
	public record Custom(Map<String, String> env, List<String> cmd, List<String> entrypoint, List<String> ports,
			List<String> volumes, List<String> links, String hostname, long memory) {
	}

}
