package io.redeploy.core.environment;

import io.redeploy.core.InvalidInputException;

/** Checks of paths inside containers that callers give. */
public final class ContainerPaths {

	private ContainerPaths() {
	}

	/** An absolute, normalised path: no {@code ..} or {@code .} segments, no NUL or control characters. */
	public static String requireAbsolute(String path) {
		if (path == null || path.isBlank()) {
			throw new InvalidInputException("path is required");
		}
		if (!path.startsWith("/")) {
			throw new InvalidInputException("path '" + Environment.printable(path) + "' must be absolute");
		}
		if (path.length() > 4096 || path.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("path '" + Environment.printable(path) + "' holds control characters or is too long");
		}
		for (String segment : path.split("/")) {
			if (segment.equals("..") || segment.equals(".")) {
				throw new InvalidInputException("path '" + Environment.printable(path) + "' must not contain '.' or '..' segments");
			}
		}
		return path;
	}

}
