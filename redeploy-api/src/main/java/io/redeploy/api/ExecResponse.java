package io.redeploy.api;

import java.util.List;

/** The output of each command on each node, in order. */
public record ExecResponse(int result, List<CommandOutput> responses) {

	/** One command's outcome on one node; {@code result} is 0 when it exited with status 0. */
	public record CommandOutput(long nodeid, int result, String command, String out, String errOut, int exitStatus) {
	}

}
