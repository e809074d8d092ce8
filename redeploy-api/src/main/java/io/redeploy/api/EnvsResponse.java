package io.redeploy.api;

import java.util.List;

/** The caller's environments. */
public record EnvsResponse(int result, List<EnvView> infos) {
}
