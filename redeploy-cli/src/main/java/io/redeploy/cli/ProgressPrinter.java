package io.redeploy.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.redeploy.api.NodeRedeployView;
import io.redeploy.api.OperationResponse;

/**
 * Prints one line per node whenever its step changes, and its outcome once it is done:
 * <pre>
 * node 101  ARCHIVE
 * node 101  SUCCESS  redeploy-test/app:1 -> redeploy-test/app:2  (3 archives, 1.2 s)
 * </pre>
 */
final class ProgressPrinter {

	private final PrintStream out;

	private final Map<Long, String> shown = new HashMap<>();

	ProgressPrinter(PrintStream out) {
		this.out = out;
	}

	/** Prints what changed since the last poll. */
	void show(OperationResponse operation) {
		if (operation.nodes() == null) {
			return;
		}
		for (OperationResponse.NodeProgress node : operation.nodes()) {
			if (node.outcome() != null) {
				showOutcome(node.nodeid(), node.outcome(), node.report());
			}
			else if (node.step() != null) {
				showLine(node.nodeid(), node.step(), line(node.nodeid(), node.step()));
			}
		}
	}

	/** Prints the outcome of each node of a finished call not shown yet. */
	void showAll(List<NodeRedeployView> reports) {
		for (NodeRedeployView report : reports) {
			showOutcome(report.nodeid(), report.outcome(), report);
		}
	}

	private void showOutcome(long nodeId, String outcome, NodeRedeployView report) {
		showLine(nodeId, "done", (report != null) ? outcome(report) : line(nodeId, outcome));
	}

	private void showLine(long nodeId, String state, String line) {
		if (!Objects.equals(this.shown.put(nodeId, state), state)) {
			this.out.println(line);
		}
	}

	static String outcome(NodeRedeployView report) {
		StringBuilder line = new StringBuilder(line(report.nodeid(), report.outcome()));
		if ("SUCCESS".equals(report.outcome())) {
			line.append("  ").append(report.oldImage()).append(" -> ").append(report.newImage());
			int archives = (report.archives() != null) ? report.archives().size() : 0;
			long millis = (report.durations() != null) ? report.durations().values().stream().mapToLong(Long::longValue).sum() : 0;
			line.append("  (").append(archives).append((archives == 1) ? " archive, " : " archives, ")
				.append(String.format(Locale.ROOT, "%.1f s", millis / 1000.0));
			if (report.unavailableMillis() != null) {
				line.append(String.format(Locale.ROOT, ", unavailable %.2f s", report.unavailableMillis() / 1000.0));
			}
			line.append(')');
		}
		else {
			if (report.failedStep() != null) {
				line.append("  at ").append(report.failedStep());
			}
			if (report.error() != null) {
				line.append(": ").append(report.error());
			}
		}
		if (report.warnings() != null) {
			report.warnings().forEach((warning) -> line.append("\n          warning: ").append(warning));
		}
		return line.toString();
	}

	private static String line(long nodeId, String state) {
		return "node " + nodeId + "  " + state;
	}

}
