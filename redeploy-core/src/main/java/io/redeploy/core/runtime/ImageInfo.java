package io.redeploy.core.runtime;

import java.util.List;

/** What an image declares: its environment, command, entrypoint, user and exposed ports. */
public record ImageInfo(String id, List<String> env, List<String> cmd, List<String> entrypoint, String user,
		String workingDir, List<String> exposedPorts, boolean hasHealthcheck) {

	public ImageInfo {
		env = List.copyOf(env);
		cmd = List.copyOf(cmd);
		entrypoint = List.copyOf(entrypoint);
		exposedPorts = List.copyOf(exposedPorts);
		user = (user != null) ? user : "";
		workingDir = (workingDir != null) ? workingDir : "";
	}

}
