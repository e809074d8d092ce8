package io.redeploy.core.environment;

/** Lifecycle of an environment. */
public enum EnvironmentStatus {

	CREATING, RUNNING, STOPPED, FAILED

}
