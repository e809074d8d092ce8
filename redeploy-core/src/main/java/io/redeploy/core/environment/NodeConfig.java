package io.redeploy.core.environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.redeploy.core.InvalidInputException;

/**
 * The custom configuration a user gives a node, which must survive every redeploy: environment
 * variables (over the image's own), run command and entrypoint overrides (empty = the image's), ports,
 * volume paths, links to other node groups, host name (empty = generated) and memory limit in MiB
 * (0 = none). {@code volumeSet} is not set by users: it tells which named volumes back the volume
 * paths ("" = the node's first ones); a redeploy that starts over with fresh volumes gives it a new value.
 */
public record NodeConfig(Map<String, String> env, List<String> cmd, List<String> entrypoint, List<PortSetting> ports,
		List<String> volumes, List<Link> links, String hostname, long memoryMb, String volumeSet) {

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

	private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern VOLUME_SET = Pattern.compile("[a-z0-9-]{0,32}");

	public NodeConfig {
		env = Map.copyOf(env);
		env.forEach(NodeConfig::checkEnvVar);
		cmd = List.copyOf(cmd);
		entrypoint = List.copyOf(entrypoint);
		ports = List.copyOf(ports);
		volumes = List.copyOf(volumes);
		volumes.forEach(NodeConfig::checkVolumePath);
		if (volumes.stream().distinct().count() != volumes.size()) {
			throw new InvalidInputException("volumes must not repeat a path");
		}
		links = List.copyOf(links);
		hostname = (hostname != null) ? hostname : "";
		if (!hostname.isEmpty() && !HOSTNAME.matcher(hostname).matches()) {
			throw new InvalidInputException("hostname '" + Environment.printable(hostname) + "' is not a valid host name");
		}
		if (memoryMb < 0 || memoryMb > 1024 * 1024) {
			throw new InvalidInputException("memory must be between 0 (no limit) and 1048576 MiB");
		}
		volumeSet = (volumeSet != null) ? volumeSet : "";
		if (!VOLUME_SET.matcher(volumeSet).matches()) {
			throw new InvalidInputException("volume set '" + Environment.printable(volumeSet) + "' is not valid");
		}
	}

	/** A configuration on the node's first volumes. */
	public NodeConfig(Map<String, String> env, List<String> cmd, List<String> entrypoint, List<PortSetting> ports,
			List<String> volumes, List<Link> links, String hostname, long memoryMb) {
		this(env, cmd, entrypoint, ports, volumes, links, hostname, memoryMb, "");
	}

	/** No customisation at all: the image as it is. */
	public static NodeConfig empty() {
		return new NodeConfig(Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(), "", 0);
	}

	public NodeConfig withEnv(Map<String, String> newEnv) {
		return new NodeConfig(newEnv, this.cmd, this.entrypoint, this.ports, this.volumes, this.links, this.hostname,
				this.memoryMb, this.volumeSet);
	}

	/** This configuration with {@code vars} added (replacing variables of the same name). */
	public NodeConfig plusEnv(Map<String, String> vars) {
		Map<String, String> merged = new LinkedHashMap<>(this.env);
		merged.putAll(vars);
		return withEnv(merged);
	}

	/** This configuration without the named variables. */
	public NodeConfig minusEnv(List<String> names) {
		Map<String, String> remaining = new LinkedHashMap<>(this.env);
		names.forEach(remaining::remove);
		return withEnv(remaining);
	}

	public NodeConfig withRunConfig(List<String> newCmd, List<String> newEntrypoint) {
		return new NodeConfig(this.env, newCmd, newEntrypoint, this.ports, this.volumes, this.links, this.hostname,
				this.memoryMb, this.volumeSet);
	}

	/** This configuration on another set of named volumes (see {@link NodeContainers#volumeName}). */
	public NodeConfig withVolumeSet(String newVolumeSet) {
		return new NodeConfig(this.env, this.cmd, this.entrypoint, this.ports, this.volumes, this.links, this.hostname,
				this.memoryMb, newVolumeSet);
	}

	private static void checkEnvVar(String name, String value) {
		if (!ENV_NAME.matcher(name).matches()) {
			throw new InvalidInputException("environment variable name '" + Environment.printable(name)
					+ "' is not valid: use letters, digits and underscores, not starting with a digit");
		}
		if (value.indexOf('\0') >= 0) {
			throw new InvalidInputException("environment variable " + name + " must not contain a NUL character");
		}
	}

	// A ':' would be read by the engine as the separator of a bind spec ("/:/host" mounts the host's root).
	private static void checkVolumePath(String path) {
		if (!path.startsWith("/") || path.equals("/") || path.contains("/../") || path.endsWith("/..")
				|| path.indexOf(':') >= 0 || path.chars().anyMatch(Character::isISOControl) || path.length() > 1024) {
			throw new InvalidInputException("volume path '" + Environment.printable(path)
					+ "' must be an absolute path inside the container, not / and without '..' or ':'");
		}
	}

	/** A container port published on the host; {@code hostPort} 0 lets the engine choose. */
	public record PortSetting(int containerPort, int hostPort, String protocol) {

		public PortSetting {
			if (containerPort < 1 || containerPort > 65535) {
				throw new InvalidInputException("port " + containerPort + " is not between 1 and 65535");
			}
			if (hostPort < 0 || hostPort > 65535) {
				throw new InvalidInputException("host port " + hostPort + " is not between 0 and 65535");
			}
			protocol = (protocol == null || protocol.isBlank()) ? "tcp" : protocol.toLowerCase(java.util.Locale.ROOT);
			if (!protocol.equals("tcp") && !protocol.equals("udp")) {
				throw new InvalidInputException("port protocol must be tcp or udp, not '" + Environment.printable(protocol) + "'");
			}
		}

	}

	/** A link from this node to another node group, reachable under {@code alias}. */
	public record Link(String nodeGroup, String alias) {

		public Link {
			NodeGroups.requireValidName(nodeGroup);
			if (alias == null || !HOSTNAME.matcher(alias).matches()) {
				throw new InvalidInputException("link alias '" + Environment.printable(String.valueOf(alias))
						+ "' is not a valid host name");
			}
		}

	}

}
