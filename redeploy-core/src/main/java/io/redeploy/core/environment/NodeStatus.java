package io.redeploy.core.environment;

/** Lifecycle of a node. */
public enum NodeStatus {

	CREATING, RUNNING, STOPPED, REDEPLOYING, FAILED

}
