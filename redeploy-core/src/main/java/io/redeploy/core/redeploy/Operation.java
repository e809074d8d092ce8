package io.redeploy.core.redeploy;

import java.time.Instant;
import java.util.List;

/** An operation as the journal records it when it starts; {@code target} is the image moved to, if any. */
public record Operation(String id, OperationKind kind, String envName, String caller, String target,
		List<Long> nodeIds, Instant startedAt) {

	public Operation {
		nodeIds = List.copyOf(nodeIds);
	}

}
