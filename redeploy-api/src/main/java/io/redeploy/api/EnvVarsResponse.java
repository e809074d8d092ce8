package io.redeploy.api;

import java.util.List;
import java.util.Map;

/** Environment variables of the selected nodes; {@code object} holds the first node's. */
public record EnvVarsResponse(int result, Map<String, String> object, List<NodeVars> nodes) {

	/** One node's variables. */
	public record NodeVars(long nodeid, Map<String, String> vars) {
	}

}
