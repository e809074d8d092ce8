package io.redeploy.app.marketplace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import io.redeploy.core.InvalidInputException;

/**
 * Reads a manifest written in YAML or JSON (JSON is YAML) into an {@link UpdateManifest}, refusing
 * anything it would not run: another {@code type}, an unknown action or parameter, a nested value.
 */
final class ManifestParser {

	/** Manifests are a screenful of text; a larger one is a mistake or an attack. */
	static final int MAX_LENGTH = 256 * 1024;

	private ManifestParser() {
	}

	static UpdateManifest parse(String jps) {
		if (jps == null || jps.isBlank()) {
			throw new InvalidInputException("jps is required");
		}
		if (jps.length() > MAX_LENGTH) {
			throw new InvalidInputException("jps is longer than " + MAX_LENGTH + " characters");
		}
		Map<?, ?> root = asMap(load(jps), "the manifest");
		String type = text(root.get("type"), "type");
		if (!"update".equals(type)) {
			throw new InvalidInputException("jps: type must be 'update' (a manifest that changes an existing environment), not '"
					+ type + "'");
		}
		for (Object key : root.keySet()) {
			if (!List.of("type", "name", "settings", "onInstall", "version", "description", "jpsVersion", "id", "logo",
					"homepage", "categories").contains(String.valueOf(key))) {
				throw new InvalidInputException("jps: unknown key '" + key + "'");
			}
		}
		String name = root.containsKey("name") ? text(root.get("name"), "name") : "";
		Map<String, String> settings = root.containsKey("settings") ? scalars(asMap(root.get("settings"), "settings"), "settings")
				: Map.of();
		return new UpdateManifest(name, settings, actions(root.get("onInstall")));
	}

	private static Object load(String jps) {
		try {
			return yaml().load(jps);
		}
		catch (MarkedYAMLException ex) {
			throw new InvalidInputException("jps is not valid YAML or JSON: " + ex.getProblem() + " at line "
					+ (ex.getProblemMark().getLine() + 1) + ", column " + (ex.getProblemMark().getColumn() + 1));
		}
		catch (YAMLException ex) {
			throw new InvalidInputException("jps is not valid YAML or JSON: " + ex.getMessage());
		}
	}

	private static List<UpdateManifest.Action> actions(Object onInstall) {
		if (onInstall == null) {
			throw new InvalidInputException("jps: onInstall is required: the list of actions to run");
		}
		List<?> items = (onInstall instanceof Map<?, ?>) ? List.of(onInstall) : asList(onInstall);
		if (items.isEmpty()) {
			throw new InvalidInputException("jps: onInstall has no action");
		}
		List<UpdateManifest.Action> actions = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			actions.add(action(i + 1, items.get(i)));
		}
		return actions;
	}

	private static UpdateManifest.Action action(int position, Object item) {
		String where = "onInstall[" + position + "]";
		Map<String, String> fields = scalars(asMap(item, where), where);
		String api = fields.get("api");
		if (api == null || api.isBlank()) {
			throw new InvalidInputException("jps: " + where + " has no 'api'");
		}
		ManifestMethod method = ManifestMethod.named(api)
			.orElseThrow(() -> new InvalidInputException("jps: " + where + ": unknown action '" + api
					+ "'; known: environment.control.RedeployContainers, environment.control.RollbackContainers, "
					+ "environment.control.RestartNodes"));
		Map<String, String> parameters = new LinkedHashMap<>(fields);
		parameters.remove("api");
		for (String key : parameters.keySet()) {
			if (!method.parameters().contains(key)) {
				throw new InvalidInputException("jps: " + where + ": " + api + " takes no parameter '" + key
						+ "'; it takes " + String.join(", ", new TreeSet<>(method.parameters())));
			}
		}
		return new UpdateManifest.Action(position, api, method, parameters);
	}

	private static Map<String, String> scalars(Map<?, ?> map, String where) {
		Map<String, String> values = new LinkedHashMap<>();
		map.forEach((key, value) -> {
			if (value instanceof Map<?, ?> || value instanceof List<?>) {
				throw new InvalidInputException("jps: " + where + "." + key + " must be a single value");
			}
			values.put(String.valueOf(key), (value != null) ? value.toString() : "");
		});
		return values;
	}

	private static Map<?, ?> asMap(Object value, String what) {
		if (value instanceof Map<?, ?> map) {
			return map;
		}
		throw new InvalidInputException("jps: " + what + " must be a mapping of keys to values");
	}

	private static List<?> asList(Object value) {
		if (value instanceof List<?> list) {
			return list;
		}
		throw new InvalidInputException("jps: onInstall must be a list of actions");
	}

	private static String text(Object value, String key) {
		if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
			throw new InvalidInputException("jps: " + key + " is required and must be a single value");
		}
		return value.toString();
	}

	/**
	 * Safe types only, few aliases (no "billion laughs"), no duplicate keys, and every scalar read as
	 * text: {@code tag: 2.10} stays "2.10" instead of becoming the number 2.1.
	 */
	private static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(10);
		options.setNestingDepthLimit(20);
		options.setCodePointLimit(MAX_LENGTH);
		DumperOptions dumper = new DumperOptions();
		Resolver textOnly = new Resolver() {
			@Override
			protected void addImplicitResolvers() {
			}
		};
		return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, textOnly);
	}

}
