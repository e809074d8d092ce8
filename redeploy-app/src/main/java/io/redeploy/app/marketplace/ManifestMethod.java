package io.redeploy.app.marketplace;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The API methods a manifest may call, each with the parameters it takes. */
enum ManifestMethod {

	REDEPLOY_CONTAINERS(Set.of("redeploycontainers", "redeploycontainersbygroup", "redeploycontainerbyid"),
			Set.of("envName", "nodeGroup", "nodeId", "tag", "useExistingVolumes", "skipReinstall", "isSequential", "delay",
					"login", "password")),
	ROLLBACK_CONTAINERS(Set.of("rollbackcontainers"), Set.of("envName", "nodeGroup", "nodeId")),
	RESTART_NODES(Set.of("restartnodes"), Set.of("envName", "nodeGroup", "nodeId"));

	private static final String PREFIX = "environment.control.";

	private final Set<String> names;

	private final Set<String> parameters;

	ManifestMethod(Set<String> names, Set<String> parameters) {
		this.names = names;
		this.parameters = parameters;
	}

	Set<String> parameters() {
		return this.parameters;
	}

	/**
	 * The method an {@code api} value names: {@code environment.control.RedeployContainers}, in any case,
	 * optionally with Jelastic's {@code jelastic.} in front.
	 */
	static Optional<ManifestMethod> named(String api) {
		String name = api.trim().toLowerCase(Locale.ROOT);
		if (name.startsWith("jelastic.")) {
			name = name.substring("jelastic.".length());
		}
		if (!name.startsWith(PREFIX)) {
			return Optional.empty();
		}
		String method = name.substring(PREFIX.length());
		return Arrays.stream(values()).filter((candidate) -> candidate.names.contains(method)).findFirst();
	}

}
