package io.redeploy.api;

import java.time.Instant;
import java.util.List;

/** An operation's progress: the step each node reached and, once done, its report. */
public record OperationResponse(int result, String operationId, String kind, String envName, String status,
		String target, Instant startedAt, Instant finishedAt, String error, List<NodeProgress> nodes) {

	/** One node of the operation: the last step it reached, and its report when it is done. */
	public record NodeProgress(long nodeid, String step, String outcome, NodeRedeployView report) {
	}

}
