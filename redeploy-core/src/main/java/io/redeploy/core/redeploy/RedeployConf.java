package io.redeploy.core.redeploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed {@code /etc/jelastic/redeploy.conf}: one absolute path per line, optionally followed by
 * {@code backup}; blank lines and {@code #} comments ignored; {@code ${home}} and {@code ${NAME}}
 * (from the container's environment) expanded. The obligatory entries are always in effect. Lines that
 * could reach outside what a container should keep are refused and listed in {@code rejected}, never
 * followed.
 */
public record RedeployConf(List<RedeployConfEntry> entries, List<String> rejected) {

	public static final String PATH = "/etc/jelastic/redeploy.conf";

	/** The longest line accepted; longer ones are refused. */
	static final int MAX_LINE = 4096;

	/** The most entries taken from one file; the rest are refused. */
	static final int MAX_ENTRIES = 10_000;

	/** Kept on every redeploy even when deleted from the file ({@code ${home}} expanded). */
	static final List<String> OBLIGATORY = List.of(PATH, "${home}/.bash_profile", "/etc/sysconfig/iptables",
			"/etc/sysconfig/iptables-custom", "/var/lib/jelastic/keys");

	private static final Set<String> FORBIDDEN_ROOTS = Set.of("/proc", "/sys", "/dev");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private static final Pattern BACKUP_SUFFIX = Pattern.compile("^(.*\\S)[ \\t]+backup$");

	public RedeployConf {
		entries = List.copyOf(entries);
		rejected = List.copyOf(rejected);
	}

	/**
	 * Parses the file's content. {@code variables} are the container's environment plus {@code home};
	 * an unknown variable makes its line refused.
	 */
	public static RedeployConf parse(String content, Map<String, String> variables) {
		Set<RedeployConfEntry> entries = new LinkedHashSet<>();
		List<String> rejected = new ArrayList<>();
		String[] lines = content.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			if (entries.size() >= MAX_ENTRIES) {
				rejected.add("redeploy.conf holds more than " + MAX_ENTRIES + " entries: line " + (i + 1) + " and after ignored");
				break;
			}
			try {
				entries.add(parseLine(line, trimmed, variables));
			}
			catch (RefusedLine ex) {
				rejected.add("redeploy.conf line " + (i + 1) + " refused: " + ex.getMessage());
			}
		}
		for (String obligatory : OBLIGATORY) {
			try {
				entries.add(RedeployConfEntry.keep(expand(obligatory, variables)));
			}
			catch (RefusedLine ex) {
				rejected.add("obligatory entry " + obligatory + " refused: " + ex.getMessage());
			}
		}
		return new RedeployConf(new ArrayList<>(entries), rejected);
	}

	/** The entries whose paths are put back as they were. */
	public List<RedeployConfEntry> keptPaths() {
		return this.entries.stream().filter((entry) -> !entry.backup()).toList();
	}

	/** The files whose previous content is put beside the new one as {@code .backup}. */
	public List<RedeployConfEntry> backupFiles() {
		return this.entries.stream().filter(RedeployConfEntry::backup).toList();
	}

	private static RedeployConfEntry parseLine(String line, String trimmed, Map<String, String> variables) {
		if (line.length() > MAX_LINE) {
			throw new RefusedLine("longer than " + MAX_LINE + " characters");
		}
		Matcher backup = BACKUP_SUFFIX.matcher(trimmed);
		boolean isBackup = backup.matches();
		String raw = isBackup ? backup.group(1) : trimmed;
		return new RedeployConfEntry(expand(raw, variables), isBackup);
	}

	private static String expand(String raw, Map<String, String> variables) {
		if (raw.chars().anyMatch(Character::isISOControl)) {
			throw new RefusedLine("holds NUL or control characters");
		}
		Matcher matcher = VARIABLE.matcher(raw);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			String value = variables.get(matcher.group(1));
			if (value == null) {
				throw new RefusedLine("unknown variable ${" + matcher.group(1) + "} in '" + printable(raw) + "'");
			}
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(expanded);
		return normalise(expanded.toString(), raw);
	}

	/** An absolute path without repeated or trailing slashes, refusing {@code .}, {@code ..} and pseudo file systems. */
	private static String normalise(String path, String raw) {
		if (path.length() > MAX_LINE) {
			throw new RefusedLine("'" + printable(raw) + "' expands to more than " + MAX_LINE + " characters");
		}
		if (path.chars().anyMatch(Character::isISOControl)) {
			throw new RefusedLine("'" + printable(raw) + "' expands to NUL or control characters");
		}
		if (!path.startsWith("/")) {
			throw new RefusedLine("'" + printable(path) + "' is not an absolute path");
		}
		StringBuilder normal = new StringBuilder();
		for (String segment : path.split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			if (segment.equals("..") || segment.equals(".")) {
				throw new RefusedLine("'" + printable(path) + "' holds a '" + segment + "' segment");
			}
			normal.append('/').append(segment);
		}
		if (normal.length() == 0) {
			throw new RefusedLine("'/' is the whole file system");
		}
		String result = normal.toString();
		for (String forbidden : FORBIDDEN_ROOTS) {
			if (result.equals(forbidden) || result.startsWith(forbidden + "/")) {
				throw new RefusedLine("'" + printable(result) + "' lies in " + forbidden + ", which is not kept");
			}
		}
		return result;
	}

	private static String printable(String value) {
		String cut = (value.length() > 80) ? value.substring(0, 80) + "…" : value;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

	/** A line that is refused; its message says why. */
	private static final class RefusedLine extends RuntimeException {

		RefusedLine(String message) {
			super(message, null, false, false);
		}

	}

}
