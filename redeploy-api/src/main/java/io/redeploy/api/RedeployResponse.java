package io.redeploy.api;

import java.util.List;

/**
 * The outcome of a redeploy, restore or rollback: one response per node. {@code result} is 0 only when
 * every node succeeded; {@code status} is RUNNING (an asynchronous call just started), OK or FAILED.
 */
public record RedeployResponse(int result, String operationId, String status, List<NodeRedeployView> responses,
		String error) {
}
