package io.redeploy.core.environment;

import java.util.regex.Pattern;

import io.redeploy.core.InvalidInputException;

/** Rules for node group (layer) names such as {@code cp}, {@code bl}, {@code sqldb}. */
public final class NodeGroups {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

	private NodeGroups() {
	}

	public static String requireValidName(String nodeGroup) {
		if (nodeGroup == null || nodeGroup.isBlank()) {
			throw new InvalidInputException("nodeGroup is required");
		}
		if (!NAME.matcher(nodeGroup).matches()) {
			throw new InvalidInputException("nodeGroup '" + Environment.printable(nodeGroup)
					+ "' is not valid: use 1 to 32 lower-case letters, digits and hyphens, starting with a letter");
		}
		return nodeGroup;
	}

}
