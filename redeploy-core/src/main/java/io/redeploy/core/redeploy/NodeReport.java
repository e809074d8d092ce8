package io.redeploy.core.redeploy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What happened to one node: its outcome, images, archives, step timings, how long it was unavailable
 * (from the stop of its old container until its new one was seen ready; empty unless it succeeded),
 * warnings (missing paths, refused redeploy.conf lines) and, when a step failed, which one and why.
 */
public record NodeReport(long nodeId, NodeOutcome outcome, String oldImage, String newImage, List<ArchiveInfo> archives,
		List<StepTiming> steps, OptionalLong unavailableMillis, List<String> warnings, Optional<RedeployStep> failedStep,
		Optional<String> error) {

	public NodeReport {
		Objects.requireNonNull(outcome, "outcome");
		archives = List.copyOf(archives);
		steps = List.copyOf(steps);
		Objects.requireNonNull(unavailableMillis, "unavailableMillis");
		warnings = List.copyOf(warnings);
		Objects.requireNonNull(failedStep, "failedStep");
		Objects.requireNonNull(error, "error");
	}

	static NodeReport skipped(long nodeId, String oldImage, String newImage, String reason) {
		return new NodeReport(nodeId, NodeOutcome.SKIPPED, oldImage, newImage, List.of(), List.of(), OptionalLong.empty(),
				List.of(), Optional.empty(), Optional.of(reason));
	}

}
