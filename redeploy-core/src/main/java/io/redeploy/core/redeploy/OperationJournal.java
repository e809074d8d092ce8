package io.redeploy.core.redeploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

	/** Operations that started and never finished: the service stopped (or died) while they ran. */
	default List<UnfinishedOperation> unfinished() {
		return List.of();
	}

	/** Closes an interrupted operation after its nodes were put back in a consistent state. */
	default void recovered(String operationId, String note) {
	}

	/** An interrupted operation and the nodes it had not finished, with the last step each reached. */
	record UnfinishedOperation(String operationId, OperationKind kind, String envName, Map<Long, Optional<RedeployStep>> nodes) {

		public UnfinishedOperation {
			nodes = Map.copyOf(nodes);
		}

	}

}
