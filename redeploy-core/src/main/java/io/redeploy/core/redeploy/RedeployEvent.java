package io.redeploy.core.redeploy;

import java.util.List;

/** Progress of an operation, delivered to a {@link RedeployListener} as it happens. */
public sealed interface RedeployEvent {

	String operationId();

	/** An operation began on the listed nodes. */
	record OperationStarted(String operationId, OperationKind kind, String envName, String caller, List<Long> nodeIds)
			implements RedeployEvent {
	}

	/** The target image was pulled (once per operation, before any container was touched). */
	record ImagePulled(String operationId, String image) implements RedeployEvent {
	}

	record NodeStarted(String operationId, long nodeId) implements RedeployEvent {
	}

	record StepStarted(String operationId, long nodeId, RedeployStep step) implements RedeployEvent {
	}

	record StepFinished(String operationId, long nodeId, RedeployStep step, long millis) implements RedeployEvent {
	}

	/** A step failed; the node is being rolled back. */
	record StepFailed(String operationId, long nodeId, RedeployStep step, String error) implements RedeployEvent {
	}

	record NodeFinished(String operationId, NodeReport report) implements RedeployEvent {
	}

	record OperationFinished(String operationId, RedeployReport.Result result) implements RedeployEvent {
	}

}
