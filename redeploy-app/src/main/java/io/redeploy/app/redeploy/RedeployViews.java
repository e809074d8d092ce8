package io.redeploy.app.redeploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.redeploy.api.ApiResult;
import io.redeploy.api.BackupsResponse;
import io.redeploy.api.NodeRedeployView;
import io.redeploy.api.RedeployResponse;
import io.redeploy.core.redeploy.ArchiveInfo;
import io.redeploy.core.redeploy.NodeOutcome;
import io.redeploy.core.redeploy.NodeReport;
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
				report.outcome().name(), report.oldImage(), report.newImage(), archives, durations, report.warnings(),
				report.failedStep().map(Enum::name).orElse(null), report.error().orElse(null));
	}

	static NodeRedeployView.ArchiveView archive(ArchiveInfo archive) {
		return new NodeRedeployView.ArchiveView(archive.kind().name(), archive.containerPath(), archive.file().toString(),
				archive.sizeBytes(), archive.sha256());
	}

	static BackupsResponse.Backup backup(Snapshot snapshot) {
		return new BackupsResponse.Backup(snapshot.id(), snapshot.nodeId(), snapshot.createdAt(), snapshot.image().toString(),
				snapshot.operationId(), snapshot.archiveBytes());
	}

}
