package io.redeploy.core.redeploy;

/** How long a step of a node's redeploy took. */
public record StepTiming(RedeployStep step, long millis) {
}
