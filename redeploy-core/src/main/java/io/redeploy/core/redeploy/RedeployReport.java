package io.redeploy.core.redeploy;

import java.util.List;

/** The outcome of one operation: {@code OK} when every node succeeded, with a report per node. */
public record RedeployReport(String operationId, Result result, List<NodeReport> nodes) {

	public RedeployReport {
		nodes = List.copyOf(nodes);
	}

	static RedeployReport of(String operationId, List<NodeReport> nodes) {
		boolean ok = !nodes.isEmpty() && nodes.stream().allMatch((node) -> node.outcome() == NodeOutcome.SUCCESS);
		return new RedeployReport(operationId, ok ? Result.OK : Result.FAILED, nodes);
	}

	/** Whether every node succeeded. */
	public enum Result {

		OK, FAILED

	}

}
