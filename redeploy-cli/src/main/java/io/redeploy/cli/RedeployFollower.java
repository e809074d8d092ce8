package io.redeploy.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import io.redeploy.api.ApiResult;
import io.redeploy.api.NodeRedeployView;
import io.redeploy.api.OperationResponse;
import io.redeploy.api.RedeployResponse;

/**
 * Follows a redeploy, rollback or restore to its end: calls it with {@code async=true}, polls
 * {@code getoperation} while it runs, prints each node's steps and outcome, then a summary (or, with
 * {@code --json}, the final answer only, shaped like the synchronous call's).
 */
final class RedeployFollower {

	private static final String GET_OPERATION = "environment/control/rest/getoperation";

	private final ApiConnection api;

	private final JsonMapper json;

	private final PrintStream out;

	private final PrintStream err;

	private final boolean jsonOnly;

	private final long pollMillis;

	RedeployFollower(ApiConnection api, JsonMapper json, PrintStream out, PrintStream err, boolean jsonOnly,
			long pollMillis) {
		this.api = api;
		this.json = json;
		this.out = out;
		this.err = err;
		this.jsonOnly = jsonOnly;
		this.pollMillis = pollMillis;
	}

	/** Calls the method and follows it; answers the exit status. */
	int follow(String path, Map<String, String> parameters) {
		ApiConnection.Answer answer = this.api.post(path, parameters);
		if (!answer.body().has("responses") && answer.result() != ApiResult.OK.code()) {
			// refused before anything started: an unknown environment, a busy node, a bad parameter
			if (this.jsonOnly) {
				this.out.println(this.json.writeValueAsString(answer.body()));
			}
			this.err.println("jelastic: " + answer.error() + " (result " + answer.result() + ")");
			return 1;
		}
		RedeployResponse response = this.json.treeToValue(answer.body(), RedeployResponse.class);
		ProgressPrinter progress = new ProgressPrinter(this.jsonOnly ? new PrintStream(OutputStream.nullOutputStream()) : this.out);
		// rollbacks and restores answer when they are done, whatever async says: then there is nothing to poll
		if ("RUNNING".equals(response.status()) && response.operationId() != null) {
			response = poll(response.operationId(), parameters.get("session"), progress);
		}
		progress.showAll(response.responses());
		this.out.println(this.jsonOnly ? this.json.writeValueAsString(response) : summary(response));
		if (response.result() != ApiResult.OK.code()) {
			this.err.println("jelastic: " + Optional.ofNullable(response.error()).orElse("the operation failed")
					+ " (result " + response.result() + ")");
			return 1;
		}
		return 0;
	}

	private RedeployResponse poll(String operationId, String session, ProgressPrinter progress) {
		Map<String, String> query = new LinkedHashMap<>();
		if (session != null) {
			query.put("session", session);
		}
		query.put("operationId", operationId);
		while (true) {
			ApiConnection.Answer answer = this.api.post(GET_OPERATION, query);
			if (answer.result() != ApiResult.OK.code()) {
				throw new CliException("Following operation " + operationId + " failed: " + answer.error());
			}
			OperationResponse operation = this.json.treeToValue(answer.body(), OperationResponse.class);
			progress.show(operation);
			if (!"RUNNING".equals(operation.status())) {
				return finished(operation);
			}
			sleep();
		}
	}

	/** The finished operation as the synchronous call would have answered it. */
	static RedeployResponse finished(OperationResponse operation) {
		boolean ok = "OK".equals(operation.status());
		List<OperationResponse.NodeProgress> nodes = (operation.nodes() != null) ? operation.nodes() : List.of();
		List<NodeRedeployView> reports = nodes.stream()
			.map(OperationResponse.NodeProgress::report)
			.filter((report) -> report != null)
			.toList();
		String error = operation.error();
		if (!ok && error == null) {
			long failed = nodes.size() - reports.stream().filter((report) -> "SUCCESS".equals(report.outcome())).count();
			error = failed + " of " + nodes.size() + " nodes did not succeed; see responses";
		}
		return new RedeployResponse(ok ? 0 : ApiResult.REDEPLOY_FAILED.code(), operation.operationId(),
				operation.status(), reports, ok ? null : error);
	}

	static String summary(RedeployResponse response) {
		List<NodeRedeployView> nodes = (response.responses() != null) ? response.responses() : List.of();
		long succeeded = nodes.stream().filter((node) -> "SUCCESS".equals(node.outcome())).count();
		String verdict = (response.result() == ApiResult.OK.code()) ? "Done" : "Failed";
		return verdict + ": " + succeeded + " of " + nodes.size() + " nodes succeeded (operation "
				+ response.operationId() + ", " + response.status() + ")";
	}

	private void sleep() {
		try {
			Thread.sleep(this.pollMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException("Interrupted while following the operation", ex);
		}
	}

}
