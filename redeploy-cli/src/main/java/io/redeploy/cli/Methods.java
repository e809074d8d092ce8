package io.redeploy.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where each method of the API lives, so that {@code jelastic signin} means
 * {@code jelastic users authentication signin}, i.e. {@code /1.0/users/authentication/rest/signin}.
 */
final class Methods {

	private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9]*");

	private static final String CONTROL = "environment/control";

	private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
			Map.entry("signin", "users/authentication"), Map.entry("signout", "users/authentication"),
			Map.entry("createenvironment", CONTROL), Map.entry("getenvinfo", CONTROL), Map.entry("getenvs", CONTROL),
			Map.entry("deleteenv", CONTROL), Map.entry("startenv", CONTROL), Map.entry("stopenv", CONTROL),
			Map.entry("restartnodes", CONTROL), Map.entry("restartnodebyid", CONTROL),
			Map.entry("restartnodesbygroup", CONTROL), Map.entry("execcmdbyid", CONTROL),
			Map.entry("execcmdbygroup", CONTROL), Map.entry("getcontainerenvvars", CONTROL),
			Map.entry("addcontainerenvvars", CONTROL), Map.entry("removecontainerenvvars", CONTROL),
			Map.entry("setcontainerrunconfig", CONTROL), Map.entry("redeploycontainers", CONTROL),
			Map.entry("redeploycontainersbygroup", CONTROL), Map.entry("redeploycontainerbyid", CONTROL),
			Map.entry("getbackups", CONTROL), Map.entry("restorebackup", CONTROL),
			Map.entry("rollbackcontainers", CONTROL), Map.entry("getoperation", CONTROL),
			Map.entry("getoperations", CONTROL), Map.entry("install", "marketplace/jps"));

	private Methods() {
	}

	/**
	 * The API path ({@code <service>/<class>/rest/<method>}) of the command words: one short form, or
	 * service, class and method. Three words need not be a method this CLI knows: the service has the
	 * last word on that.
	 */
	static String path(java.util.List<String> words) {
		java.util.List<String> lower = words.stream().map((word) -> word.toLowerCase(Locale.ROOT)).toList();
		for (String word : lower) {
			if (!WORD.matcher(word).matches()) {
				throw new UsageException("'" + word + "' is not a command word");
			}
		}
		if (lower.size() == 3) {
			return lower.get(0) + "/" + lower.get(1) + "/rest/" + lower.get(2);
		}
		if (lower.size() == 1) {
			return Optional.ofNullable(SHORT_FORMS.get(lower.get(0)))
				.map((serviceAndClass) -> serviceAndClass + "/rest/" + lower.get(0))
				.orElseThrow(() -> new UsageException("Unknown command '" + words.get(0) + "'"));
		}
		throw new UsageException("Give one command (e.g. signin) or a service, a class and a method "
				+ "(e.g. environment control getenvinfo), not '" + String.join(" ", words) + "'");
	}

	/** The method's name, the last segment of its path. */
	static String method(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	/** Methods that change nodes and answer per node: the CLI follows them and shows progress. */
	static boolean isRedeploy(String method) {
		return method.startsWith("redeploycontainer") || method.equals("rollbackcontainers")
				|| method.equals("restorebackup");
	}

}
