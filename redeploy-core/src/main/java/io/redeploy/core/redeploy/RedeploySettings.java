package io.redeploy.core.redeploy;

import java.time.Duration;
import java.util.Objects;

import io.redeploy.core.InvalidInputException;

/**
 * Tuning of the redeploy engine: how long a new container may take to run (and be healthy), how often
 * it is polled meanwhile, how many snapshots each node keeps, how many nodes of a simultaneous
 * redeploy run at once, and how long a rollback waits for a container engine that cannot be reached
 * (e.g. while it restarts) before it gives up on putting a node back.
 */
public record RedeploySettings(Duration verifyTimeout, Duration pollInterval, int snapshotsPerNode, int parallelism,
		Duration reconnectTimeout) {

	public RedeploySettings {
		Objects.requireNonNull(verifyTimeout, "verifyTimeout");
		Objects.requireNonNull(pollInterval, "pollInterval");
		Objects.requireNonNull(reconnectTimeout, "reconnectTimeout");
		if (verifyTimeout.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
			throw new InvalidInputException("verifyTimeout must not be negative and pollInterval must be positive");
		}
		if (reconnectTimeout.isNegative()) {
			throw new InvalidInputException("reconnectTimeout must not be negative");
		}
		if (snapshotsPerNode < 1) {
			throw new InvalidInputException("snapshotsPerNode must be at least 1");
		}
		if (parallelism < 1) {
			throw new InvalidInputException("parallelism must be at least 1");
		}
	}

	/** Two minutes to start, polled every 100 ms; one snapshot per node; four nodes at once; a minute for the engine. */
	public static RedeploySettings defaults() {
		return new RedeploySettings(Duration.ofMinutes(2), Duration.ofMillis(100), 1, 4, Duration.ofMinutes(1));
	}

}
