package io.redeploy.core.redeploy;

/** How a node came out of an operation. */
public enum NodeOutcome {

	/** The node runs its new container. */
	SUCCESS,
	/** A step failed and the node was put back as it was. */
	ROLLED_BACK,
	/** A step failed and putting the node back failed too: it needs an operator. */
	FAILED,
	/** The node was not touched (an earlier node of a sequential run failed, or there was nothing to do). */
	SKIPPED

}
