package io.redeploy.core.redeploy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.redeploy.core.InvalidInputException;
import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.NodeSelector;
import io.redeploy.core.runtime.RegistryCredentials;

/**
 * A redeploy of the selected nodes to {@code tag} (a bare tag or a full image reference). Volumes are
 * kept unless {@code useExistingVolumes} is false; {@code skipReinstall} merges the new image into the
 * existing file system instead of starting from the bare image; {@code sequential} updates one node at
 * a time with {@code delay} between nodes, else all at once.
 */
public record RedeployRequest(String envName, NodeSelector selector, String tag, boolean useExistingVolumes,
		boolean skipReinstall, Optional<RegistryCredentials> credentials, boolean sequential, Duration delay) {

	/** The longest pause between two nodes of a sequential redeploy. */
	public static final Duration MAX_DELAY = Duration.ofHours(1);

	public RedeployRequest {
		Environment.requireValidName(envName);
		Objects.requireNonNull(selector, "selector");
		if (tag == null || tag.isBlank()) {
			throw new InvalidInputException("tag is required");
		}
		Objects.requireNonNull(credentials, "credentials");
		delay = (delay != null) ? delay : Duration.ZERO;
		if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
			throw new InvalidInputException("delay must be between 0 and " + MAX_DELAY.toSeconds() + " seconds");
		}
	}

	/** The defaults: volumes kept, container recreated, nodes one after another without delay. */
	public static RedeployRequest of(String envName, NodeSelector selector, String tag) {
		return new RedeployRequest(envName, selector, tag, true, false, Optional.empty(), true, Duration.ZERO);
	}

}
