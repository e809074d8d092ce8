package io.redeploy.core.redeploy;

/** What an operation does. */
public enum OperationKind {

	/** Moves nodes to a new image tag. */
	REDEPLOY,
	/** Recreates nodes on the same image after a change of their configuration. */
	RECONFIGURE,
	/** Puts a node back on one of its snapshots. */
	RESTORE

}
