package io.redeploy.api;

import java.util.List;

/**
 * The outcome of a manifest: one response per action run, in order. The run stops at the first
 * action that fails, whose {@code result} is then the manifest's.
 */
public record InstallResponse(int result, String name, List<ActionResponse> responses, String error) {

	/** One action: its {@code api}, its result and error, and the method's own answer. */
	public record ActionResponse(String action, int result, String error, Object response) {
	}

}
