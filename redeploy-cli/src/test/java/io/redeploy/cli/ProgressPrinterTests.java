package io.redeploy.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.redeploy.api.NodeRedeployView;
import io.redeploy.api.OperationResponse;
import io.redeploy.api.OperationResponse.NodeProgress;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressPrinterTests {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final ProgressPrinter printer = new ProgressPrinter(new PrintStream(this.output, true, StandardCharsets.UTF_8));

	@Test
	void aLineIsPrintedOnlyWhenANodeStepChanges() {
		this.printer.show(operation(new NodeProgress(101, "PLAN", null, null)));
		this.printer.show(operation(new NodeProgress(101, "PLAN", null, null)));
		this.printer.show(operation(new NodeProgress(101, "ARCHIVE", null, null)));
		this.printer.show(operation(new NodeProgress(101, "COMMIT", "SUCCESS", success())));
		this.printer.showAll(List.of(success()));

		assertThat(lines()).containsExactly("node 101  PLAN", "node 101  ARCHIVE",
				"node 101  SUCCESS  redeploy-test/app:1 -> redeploy-test/app:2  (3 archives, 1.2 s, unavailable 0.35 s)");
	}

	@Test
	void aFailedNodeSaysWhereAndWhy() {
		NodeRedeployView failed = new NodeRedeployView(102, 1, "ROLLED_BACK", "redeploy-test/app:1",
				"redeploy-test/app:broken", List.of(), Map.of(), null, List.of(), "VERIFY", "the container exited with 3");

		this.printer.showAll(List.of(failed));

		assertThat(lines()).containsExactly("node 102  ROLLED_BACK  at VERIFY: the container exited with 3");
	}

	@Test
	void nodesWithoutAStepYetAreNotShown() {
		this.printer.show(operation(new NodeProgress(101, null, null, null)));

		assertThat(lines()).isEmpty();
	}

	private List<String> lines() {
		String text = this.output.toString(StandardCharsets.UTF_8);
		return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
	}

	private static NodeRedeployView success() {
		Map<String, Long> durations = new LinkedHashMap<>();
		durations.put("archive", 700L);
		durations.put("verify", 500L);
		List<NodeRedeployView.ArchiveView> archives = List.of(archive(), archive(), archive());
		return new NodeRedeployView(101, 0, "SUCCESS", "redeploy-test/app:1", "redeploy-test/app:2", archives, durations,
				350L, List.of(), null, null);
	}

	private static NodeRedeployView.ArchiveView archive() {
		return new NodeRedeployView.ArchiveView("PLATFORM", "/var/lib/jelastic", "/a.tar.gz", 1, "00");
	}

	private static OperationResponse operation(NodeProgress... nodes) {
		return new OperationResponse(0, "op-1", "REDEPLOY", "shop", "RUNNING", "2", Instant.EPOCH, null, null,
				List.of(nodes));
	}

}
