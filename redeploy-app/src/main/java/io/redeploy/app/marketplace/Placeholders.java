package io.redeploy.app.marketplace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.redeploy.core.InvalidInputException;
import io.redeploy.core.environment.Node;

/**
 * The values a manifest's {@code ${…}} (or {@code {…}}) placeholders stand for: {@code env.envName},
 * {@code nodes.<group>.first.id}, {@code .image}, {@code .tag} (and {@code .last.…}), and
 * {@code settings.<name>}. They are taken from the environment before the first action runs.
 */
record Placeholders(Map<String, String> values) {

	/** {@code ${anything}}, or {@code {a.dotted.path}}: a lone {@code {word}} is left as text. */
	private static final Pattern PLACEHOLDER = Pattern
		.compile("\\$\\{([^{}]*)\\}|\\{([A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)+)\\}");

	Placeholders {
		values = Map.copyOf(values);
	}

	static Placeholders of(String envName, List<Node> nodes, Map<String, String> settings) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("env.envName", envName);
		values.put("env.shortdomain", envName);
		for (Node node : nodes) {
			String group = "nodes." + node.nodeGroup();
			if (!values.containsKey(group + ".first.id")) {
				put(values, group + ".first", node);
			}
			put(values, group + ".last", node);
		}
		settings.forEach((name, value) -> values.put("settings." + name, value));
		return new Placeholders(values);
	}

	/** The text with every placeholder replaced; an unknown one is an error naming where it was found. */
	String resolve(String text, String where) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1).trim() : matcher.group(2);
			String value = this.values.get(name);
			if (value == null) {
				throw new InvalidInputException("jps: " + where + ": unknown placeholder '" + matcher.group() + "'"
						+ hint(name));
			}
			matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(resolved);
		return resolved.toString();
	}

	private static String hint(String name) {
		if (name.startsWith("nodes.")) {
			return " (the environment has no such node group, or the field is not one of id, image, tag)";
		}
		if (name.startsWith("settings.")) {
			return " (not given in settings)";
		}
		return " (known: env.envName, nodes.<group>.first.id|image|tag, settings.<name>)";
	}

	private static void put(Map<String, String> values, String prefix, Node node) {
		values.put(prefix + ".id", Long.toString(node.id()));
		values.put(prefix + ".image", node.image().repository());
		values.put(prefix + ".tag", node.image().tag());
	}

}
