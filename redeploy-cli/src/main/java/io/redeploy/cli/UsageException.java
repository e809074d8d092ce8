package io.redeploy.cli;

/** The command line cannot be understood: the CLI prints the message and the usage text, and exits 2. */
class UsageException extends RuntimeException {

	UsageException(String message) {
		super(message);
	}

}
