package io.redeploy.core.redeploy;

/**
 * Receives the progress of operations. Called from the threads that run the nodes, so an
 * implementation must be thread-safe and quick; a listener that throws is logged and ignored.
 */
@FunctionalInterface
public interface RedeployListener {

	/** A listener that ignores everything. */
	RedeployListener NONE = (event) -> {
	};

	void on(RedeployEvent event);

}
