package io.redeploy.bench;

/** A step of the benchmark that could not be done: the run stops, cleans up and exits non-zero. */
final class BenchException extends RuntimeException {

	BenchException(String message) {
		super(message);
	}

	BenchException(String message, Throwable cause) {
		super(message, cause);
	}

}
