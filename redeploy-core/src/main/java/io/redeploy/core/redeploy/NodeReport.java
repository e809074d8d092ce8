package io.redeploy.core.redeploy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one node: its outcome, images, archives, step timings, warnings (missing paths,
 * refused redeploy.conf lines) and, when a step failed, which one and why.
 */
public record NodeReport(long nodeId, NodeOutcome outcome, String oldImage, String newImage, List<ArchiveInfo> archives,
		List<StepTiming> steps, List<String> warnings, Optional<RedeployStep> failedStep, Optional<String> error) {

	public NodeReport {
		Objects.requireNonNull(outcome, "outcome");
		archives = List.copyOf(archives);
		steps = List.copyOf(steps);
		warnings = List.copyOf(warnings);
		Objects.requireNonNull(failedStep, "failedStep");
		Objects.requireNonNull(error, "error");
	}

	static NodeReport skipped(long nodeId, String oldImage, String newImage, String reason) {
		return new NodeReport(nodeId, NodeOutcome.SKIPPED, oldImage, newImage, List.of(), List.of(), List.of(),
				Optional.empty(), Optional.of(reason));
	}

}
