package io.redeploy.api;

import java.util.List;
import java.util.Map;

/**
 * What happened to one node: {@code outcome} is SUCCESS, ROLLED_BACK (a step failed, the node is back on
 * its old version with its data), FAILED (the roll-back failed too) or SKIPPED; the archives preserved,
 * the milliseconds each step took, the milliseconds the node had no running container
 * ({@code unavailableMillis}: from the old container's stop until the new one was seen ready; null unless
 * the node succeeded and its old container was running), warnings (missing paths, refused redeploy.conf
 * lines) and the error.
 */
public record NodeRedeployView(long nodeid, int result, String outcome, String oldImage, String newImage,
		List<ArchiveView> archives, Map<String, Long> durations, Long unavailableMillis, List<String> warnings,
		String failedStep, String error) {

	/** One {@code .tar.gz} archive on the host. */
	public record ArchiveView(String kind, String path, String file, long size, String sha256) {
	}

}
