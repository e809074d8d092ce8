package io.redeploy.api;

import java.time.Instant;

/** An environment as the API shows it. */
public record EnvView(String envName, String shortdomain, String status, String owner, Instant createdAt) {
}
