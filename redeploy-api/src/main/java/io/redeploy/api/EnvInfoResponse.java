package io.redeploy.api;

import java.util.List;

/** An environment and its nodes. */
public record EnvInfoResponse(int result, EnvView env, List<NodeView> nodes) {
}
