package io.redeploy.docker;

import java.util.ArrayDeque;
import java.util.Deque;

import io.redeploy.core.runtime.ContainerRuntimeException;

/** Absolute paths inside a container, handled as text: they never touch the host's file system. */
final class ContainerPaths {

	private ContainerPaths() {
	}

	/** Collapses {@code //}, {@code .} and {@code ..} (which stops at the root, as the kernel does). */
	static String normalize(String path) {
		if (path == null || !path.startsWith("/")) {
			throw new ContainerRuntimeException("A container path must be absolute, was: " + path);
		}
		Deque<String> names = new ArrayDeque<>();
		for (String name : path.split("/")) {
			if (name.isEmpty() || name.equals(".")) {
				continue;
			}
			if (name.equals("..")) {
				names.pollLast();
			}
			else {
				names.addLast(name);
			}
		}
		return "/" + String.join("/", names);
	}

	/** A file's path: absolute, normalized and not the root. */
	static String file(String path) {
		String file = normalize(path);
		if (file.equals("/")) {
			throw new ContainerRuntimeException("The root directory is not a file");
		}
		return file;
	}

	static String parent(String path) {
		int slash = path.lastIndexOf('/');
		return (slash <= 0) ? "/" : path.substring(0, slash);
	}

	/** Where a symbolic link at {@code linkPath} points, the way the kernel reads {@code linkTarget}. */
	static String resolveLink(String linkPath, String linkTarget) {
		if (linkTarget.startsWith("/")) {
			return normalize(linkTarget);
		}
		return normalize(parent(linkPath) + "/" + linkTarget);
	}

	/** The path as a tar entry name extracted at {@code /}. */
	static String relativeToRoot(String path) {
		return normalize(path).substring(1);
	}

}
