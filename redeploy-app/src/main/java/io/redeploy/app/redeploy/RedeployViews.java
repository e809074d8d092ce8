package io.redeploy.app.redeploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.redeploy.api.ApiResult;
import io.redeploy.api.BackupsResponse;
import io.redeploy.api.NodeRedeployView;
import io.redeploy.api.OperationEventView;
import io.redeploy.api.RedeployResponse;
import io.redeploy.core.redeploy.ArchiveInfo;
import io.redeploy.core.redeploy.NodeOutcome;
import io.redeploy.core.redeploy.NodeReport;
import io.redeploy.core.redeploy.RedeployEvent;
import io.redeploy.core.redeploy.RedeployReport;
import io.redeploy.core.redeploy.Snapshot;
import io.redeploy.core.redeploy.StepTiming;

/** Maps the engine's reports and snapshots to the API's views. */
public final class RedeployViews {

	private RedeployViews() {
	}

	public static RedeployResponse response(RedeployReport report) {
		boolean ok = report.result() == RedeployReport.Result.OK;
		long failed = report.nodes().stream().filter((node) -> node.outcome() != NodeOutcome.SUCCESS).count();
		return new RedeployResponse(ok ? 0 : ApiResult.REDEPLOY_FAILED.code(), report.operationId(),
				report.result().name(), report.nodes().stream().map(RedeployViews::node).toList(),
				ok ? null : failed + " of " + report.nodes().size() + " nodes did not succeed; see responses");
	}

	static NodeRedeployView node(NodeReport report) {
		Map<String, Long> durations = new LinkedHashMap<>();
		for (StepTiming timing : report.steps()) {
			durations.merge(timing.step().name().toLowerCase(), timing.millis(), Long::sum);
		}
		List<NodeRedeployView.ArchiveView> archives = report.archives().stream().map(RedeployViews::archive).toList();
		return new NodeRedeployView(report.nodeId(), (report.outcome() == NodeOutcome.SUCCESS) ? 0 : 1,
				report.outcome().name(), report.oldImage(), report.newImage(), archives, durations,
				report.unavailableMillis().isPresent() ? report.unavailableMillis().getAsLong() : null, report.warnings(),
				report.failedStep().map(Enum::name).orElse(null), report.error().orElse(null));
	}

	static NodeRedeployView.ArchiveView archive(ArchiveInfo archive) {
		return new NodeRedeployView.ArchiveView(archive.kind().name(), archive.containerPath(), archive.file().toString(),
				archive.sizeBytes(), archive.sha256());
	}

	/** One progress event as {@code operationevents} sends it. */
	static OperationEventView event(long seq, RedeployEvent event) {
		String id = event.operationId();
		if (event instanceof RedeployEvent.OperationStarted started) {
			return new OperationEventView(seq, "OperationStarted", id, null, null, null, null, null, started.kind().name(),
					started.envName(), started.nodeIds(), "RUNNING", null);
		}
		if (event instanceof RedeployEvent.ImagePulled pulled) {
			return new OperationEventView(seq, "ImagePulled", id, null, null, null, null, pulled.image(), null, null, null,
					null, null);
		}
		if (event instanceof RedeployEvent.NodeStarted node) {
			return new OperationEventView(seq, "NodeStarted", id, node.nodeId(), null, null, null, null, null, null, null,
					null, null);
		}
		if (event instanceof RedeployEvent.StepStarted step) {
			return new OperationEventView(seq, "StepStarted", id, step.nodeId(), step.step().name(), null, null, null, null,
					null, null, null, null);
		}
		if (event instanceof RedeployEvent.StepFinished step) {
			return new OperationEventView(seq, "StepFinished", id, step.nodeId(), step.step().name(), step.millis(), null,
					null, null, null, null, null, null);
		}
		if (event instanceof RedeployEvent.StepFailed step) {
			return new OperationEventView(seq, "StepFailed", id, step.nodeId(), step.step().name(), null, step.error(), null,
					null, null, null, null, null);
		}
		if (event instanceof RedeployEvent.NodeFinished node) {
			NodeRedeployView report = node(node.report());
			return new OperationEventView(seq, "NodeFinished", id, report.nodeid(), null, null, report.error(), null, null,
					null, null, report.outcome(), report);
		}
		RedeployEvent.OperationFinished finished = (RedeployEvent.OperationFinished) event;
		return finished(seq, id, finished.result().name());
	}

	static OperationEventView finished(long seq, String operationId, String status) {
		return new OperationEventView(seq, "OperationFinished", operationId, null, null, null, null, null, null, null, null,
				status, null);
	}

	static BackupsResponse.Backup backup(Snapshot snapshot) {
		return new BackupsResponse.Backup(snapshot.id(), snapshot.nodeId(), snapshot.createdAt(), snapshot.image().toString(),
				snapshot.operationId(), snapshot.archiveBytes());
	}

}
