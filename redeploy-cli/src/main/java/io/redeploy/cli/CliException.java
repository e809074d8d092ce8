package io.redeploy.cli;

/** A call could not be made or answered badly (no server, no JSON, an unreadable session file): exit 1. */
class CliException extends RuntimeException {

	CliException(String message) {
		super(message);
	}

	CliException(String message, Throwable cause) {
		super(message, cause);
	}

}
