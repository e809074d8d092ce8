package io.redeploy.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line, understood: the API path to call, the form parameters to send, and the CLI's own
 * options ({@code --url}, {@code --session}, {@code --json}, {@code --help}).
 *
 * <p>Every {@code --name value} (or {@code --name=value}) is a form parameter; a {@code --name} without a
 * value means {@code name=true}; {@code --sequential} and {@code --simultaneous} set {@code isSequential}.
 */
record Invocation(String path, Map<String, String> parameters, Optional<String> url, Optional<String> session,
		boolean json, boolean help) {

	Invocation {
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	String method() {
		return Methods.method(this.path);
	}

	static Invocation parse(String... args) {
		List<String> words = new ArrayList<>();
		Map<String, String> parameters = new LinkedHashMap<>();
		Optional<String> url = Optional.empty();
		Optional<String> session = Optional.empty();
		boolean json = false;
		boolean help = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("-h") || arg.equals("--help")) {
				help = true;
				continue;
			}
			if (!arg.startsWith("--")) {
				if (!parameters.isEmpty()) {
					throw new UsageException("Unexpected '" + arg + "': parameters are --name value");
				}
				words.add(arg);
				continue;
			}
			String name = arg.substring(2);
			String value = null;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			if (name.isEmpty()) {
				throw new UsageException("'" + arg + "' has no parameter name");
			}
			if (isFlag(name)) {
				if (value != null) {
					throw new UsageException("--" + name + " takes no value");
				}
			}
			else if (value == null && i + 1 < args.length && !args[i + 1].startsWith("--")) {
				value = args[++i];
			}
			switch (name) {
				case "json" -> json = true;
				case "sequential" -> parameters.put("isSequential", "true");
				case "simultaneous" -> parameters.put("isSequential", "false");
				case "url" -> url = Optional.of(required(name, value));
				// --session names the session file (or is a session itself); the API's own "session"
				// parameter is filled in from it
				case "session" -> session = Optional.of(required(name, value));
				default -> parameters.put(name, (value != null) ? value : "true");
			}
		}
		if (words.isEmpty()) {
			if (help) {
				return new Invocation("", parameters, url, session, json, true);
			}
			throw new UsageException("No command given");
		}
		return new Invocation(Methods.path(words), parameters, url, session, json, help);
	}

	private static boolean isFlag(String name) {
		return switch (name) {
			case "json", "sequential", "simultaneous" -> true;
			default -> false;
		};
	}

	private static String required(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new UsageException("--" + name + " needs a value");
		}
		return value;
	}

}
