package io.redeploy.api;

import java.util.List;

/** The Docker engines the service drives, for an operator. */
public record HostsResponse(int result, List<HostView> hosts) {

	/**
	 * One engine: what it says about itself and how many of the service's own objects (labelled
	 * {@code io.redeploy.managed=true}) it holds.
	 */
	public record HostView(String version, String apiVersion, String os, String architecture, int containers,
			int volumes, int networks) {
	}

}
