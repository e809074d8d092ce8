package io.redeploy.core.environment;

import java.time.Instant;
import java.util.regex.Pattern;

import io.redeploy.core.InvalidInputException;

/** An environment: a named set of node groups owned by one user. */
public record Environment(String name, String owner, EnvironmentStatus status, Instant createdAt) {

	// a DNS label: the name becomes part of container names and host names
	private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

	public Environment withStatus(EnvironmentStatus newStatus) {
		return new Environment(this.name, this.owner, newStatus, this.createdAt);
	}

	/** Checks an environment name: lower-case letters, digits and inner hyphens, at most 40 characters. */
	public static String requireValidName(String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("envName is required");
		}
		if (!NAME.matcher(name).matches()) {
			throw new InvalidInputException("envName '" + printable(name)
					+ "' is not valid: use 1 to 40 lower-case letters, digits and inner hyphens");
		}
		return name;
	}

	static String printable(String value) {
		String cut = (value.length() > 64) ? value.substring(0, 64) + "…" : value;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

}
