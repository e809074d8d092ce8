package io.redeploy.api;

import java.util.List;

/**
 * One progress event of an operation, as sent by {@code operationevents}: {@code seq} counts from 1 in
 * the order the events happened; the other fields depend on {@code type} ({@code OperationStarted},
 * {@code ImagePulled}, {@code NodeStarted}, {@code StepStarted}, {@code StepFinished}, {@code StepFailed},
 * {@code NodeFinished}, {@code OperationFinished}).
 */
public record OperationEventView(long seq, String type, String operationId, Long nodeid, String step, Long millis,
		String error, String image, String kind, String envName, List<Long> nodeIds, String status,
		NodeRedeployView report) {
}
