package io.redeploy.core.redeploy;

/**
 * A durable record of operations, so that one interrupted half-way (a crash, a restart) can be found
 * and its nodes inspected: when it started, the step each node reached, how each node and the whole
 * operation ended.
 */
public interface OperationJournal {

	/** A journal that records nothing. */
	OperationJournal NONE = new OperationJournal() {
	};

	default void started(Operation operation) {
	}

	default void stepReached(String operationId, long nodeId, RedeployStep step) {
	}

	default void nodeFinished(String operationId, NodeReport report) {
	}

	default void finished(String operationId, RedeployReport.Result result) {
	}

}
