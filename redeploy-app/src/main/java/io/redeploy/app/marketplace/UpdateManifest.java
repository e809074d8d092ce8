package io.redeploy.app.marketplace;

import java.util.List;
import java.util.Map;

/**
 * A cloud-scripting manifest of {@code type: update}: actions to run, in order, on an existing
 * environment, and the {@code settings} its placeholders may use.
 */
record UpdateManifest(String name, Map<String, String> settings, List<Action> actions) {

	UpdateManifest {
		settings = Map.copyOf(settings);
		actions = List.copyOf(actions);
	}

	/**
	 * One action of {@code onInstall}: {@code api} as written, the method it names, and its parameters as
	 * text, placeholders not resolved yet. {@code position} counts from 1.
	 */
	record Action(int position, String api, ManifestMethod method, Map<String, String> parameters) {

		Action {
			parameters = Map.copyOf(parameters);
		}

		String where() {
			return "onInstall[" + this.position + "] (" + this.api + ")";
		}

	}

}
