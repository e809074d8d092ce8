package io.redeploy.core.redeploy;

import java.util.Objects;

/**
 * A path that redeploy.conf asks to keep: an absolute, normalised path, put back as it was, or, when
 * {@code backup}, a file whose previous content is put beside the new image's one as {@code <file>.backup}.
 */
public record RedeployConfEntry(String path, boolean backup) {

	public RedeployConfEntry {
		Objects.requireNonNull(path, "path");
	}

	public static RedeployConfEntry keep(String path) {
		return new RedeployConfEntry(path, false);
	}

	public static RedeployConfEntry backup(String path) {
		return new RedeployConfEntry(path, true);
	}

	/** Whether {@code other} is this path or lies below it. */
	boolean covers(String other) {
		return other.equals(this.path) || other.startsWith(this.path.endsWith("/") ? this.path : this.path + "/");
	}

}
