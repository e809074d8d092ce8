package io.redeploy.core.redeploy;

import io.redeploy.core.RedeployException;

/** An archive could not be written, read or trusted. */
public class ArchiveException extends RedeployException {

	public ArchiveException(String message) {
		super(message);
	}

	public ArchiveException(String message, Throwable cause) {
		super(message, cause);
	}

}
