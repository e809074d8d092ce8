package io.redeploy.api;

import java.util.List;

/** The nodes a call acted on, as they are afterwards. */
public record NodesResponse(int result, List<NodeView> nodes) {
}
