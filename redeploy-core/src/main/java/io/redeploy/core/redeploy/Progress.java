package io.redeploy.core.redeploy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the listener and the journal how one operation goes; a listener's failure never stops the work. */
final class Progress {

	private static final Logger logger = LoggerFactory.getLogger(Progress.class);

	private final Operation operation;

	private final RedeployListener listener;

	private final OperationJournal journal;

	Progress(Operation operation, RedeployListener listener, OperationJournal journal) {
		this.operation = operation;
		this.listener = listener;
		this.journal = journal;
	}

	String operationId() {
		return this.operation.id();
	}

	void started() {
		this.journal.started(this.operation);
		emit(new RedeployEvent.OperationStarted(this.operation.id(), this.operation.kind(), this.operation.envName(),
				this.operation.caller(), this.operation.nodeIds()));
	}

	void imagePulled(String image) {
		emit(new RedeployEvent.ImagePulled(this.operation.id(), image));
	}

	void nodeStarted(long nodeId) {
		emit(new RedeployEvent.NodeStarted(this.operation.id(), nodeId));
	}

	void stepStarted(long nodeId, RedeployStep step) {
		this.journal.stepReached(this.operation.id(), nodeId, step);
		emit(new RedeployEvent.StepStarted(this.operation.id(), nodeId, step));
	}

	void stepFinished(long nodeId, RedeployStep step, long millis) {
		emit(new RedeployEvent.StepFinished(this.operation.id(), nodeId, step, millis));
	}

	void stepFailed(long nodeId, RedeployStep step, String error) {
		emit(new RedeployEvent.StepFailed(this.operation.id(), nodeId, step, error));
	}

	void nodeFinished(NodeReport report) {
		this.journal.nodeFinished(this.operation.id(), report);
		emit(new RedeployEvent.NodeFinished(this.operation.id(), report));
	}

	RedeployReport finished(RedeployReport report) {
		this.journal.finished(this.operation.id(), report.result());
		emit(new RedeployEvent.OperationFinished(this.operation.id(), report.result()));
		return report;
	}

	private void emit(RedeployEvent event) {
		try {
			this.listener.on(event);
		}
		catch (RuntimeException ex) {
			logger.warn("Redeploy listener failed on {}: {}", event, ex.getMessage());
		}
	}

}
