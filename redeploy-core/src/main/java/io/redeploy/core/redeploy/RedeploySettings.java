package io.redeploy.core.redeploy;

import java.time.Duration;
import java.util.Objects;

import io.redeploy.core.InvalidInputException;

/**
 * Tuning of the redeploy engine: how long a new container may take to run (and be healthy), how often
 * it is polled meanwhile, how many snapshots each node keeps, and how many nodes of a simultaneous
 * redeploy run at once.
 */
public record RedeploySettings(Duration verifyTimeout, Duration pollInterval, int snapshotsPerNode, int parallelism) {

	public RedeploySettings {
		Objects.requireNonNull(verifyTimeout, "verifyTimeout");
		Objects.requireNonNull(pollInterval, "pollInterval");
		if (verifyTimeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
			throw new InvalidInputException("verifyTimeout must not be negative and pollInterval must be positive");
		}
		if (snapshotsPerNode < 1) {
			throw new InvalidInputException("snapshotsPerNode must be at least 1");
		}
		if (parallelism < 1) {
			throw new InvalidInputException("parallelism must be at least 1");
		}
	}

	/** Two minutes to start, polled every second; one snapshot per node; four nodes at once. */
	public static RedeploySettings defaults() {
		return new RedeploySettings(Duration.ofMinutes(2), Duration.ofSeconds(1), 1, 4);
	}

}
