package io.redeploy.app.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.redeploy.app.web.JsonParameters;
import io.redeploy.core.InvalidInputException;
import io.redeploy.core.environment.NewNodeGroup;
import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.environment.NodeConfig.Link;
import io.redeploy.core.environment.NodeConfig.PortSetting;
import io.redeploy.core.runtime.ImageRef;

/**
 * The {@code nodes} parameter of {@code createenvironment}: a JSON array of
 * {@code {"nodeGroup", "count", "image", "env", "cmd", "entrypoint", "ports", "volumes", "links", "hostname", "memory"}}.
 */
final class NodesParameter {

	private static final Set<String> FIELDS = Set.of("nodeGroup", "count", "image", "env", "cmd", "entrypoint", "ports",
			"volumes", "links", "hostname", "memory");

	private final JsonParameters json;

	NodesParameter(JsonParameters json) {
		this.json = json;
	}

	List<NewNodeGroup> parse(String value) {
		JsonNode nodes = this.json.parse("nodes", value);
		if (!nodes.isArray() || nodes.isEmpty()) {
			throw new InvalidInputException("nodes must be a non-empty JSON array of node groups");
		}
		List<NewNodeGroup> groups = new ArrayList<>();
		for (JsonNode node : nodes) {
			groups.add(group(node));
		}
		return groups;
	}

	private NewNodeGroup group(JsonNode node) {
		if (!node.isObject()) {
			throw new InvalidInputException("each element of nodes must be a JSON object");
		}
		for (String field : node.propertyNames()) {
			if (!FIELDS.contains(field)) {
				throw new InvalidInputException("nodes: unknown field '" + field + "'; known fields are " + FIELDS);
			}
		}
		String nodeGroup = text(node, "nodeGroup");
		String image = text(node, "image");
		if (nodeGroup == null || image == null) {
			throw new InvalidInputException("each node group needs 'nodeGroup' and 'image'");
		}
		int count = node.has("count") ? integer(node, "count") : 1;
		Map<String, String> env = node.has("env") ? this.json.stringMap("env", node.get("env")) : Map.of();
		List<String> volumes = node.has("volumes") ? this.json.stringList("volumes", node.get("volumes")) : List.of();
		List<PortSetting> ports = node.has("ports") ? ports(node.get("ports")) : List.of();
		List<Link> links = node.has("links") ? this.json.stringList("links", node.get("links")).stream().map(NodesParameter::link).toList()
				: List.of();
		String hostname = text(node, "hostname");
		long memory = node.has("memory") ? integer(node, "memory") : 0;
		NodeConfig config = new NodeConfig(env, this.json.commandLine("cmd", node.get("cmd")),
				this.json.commandLine("entrypoint", node.get("entrypoint")), ports, volumes, links, hostname, memory);
		return new NewNodeGroup(nodeGroup, count, ImageRef.parse(image), config);
	}

	/** Ports as {@code 80}, {@code "8080:80"}, {@code "53/udp"} or {@code {"containerPort", "hostPort", "protocol"}}. */
	static List<PortSetting> ports(JsonNode ports) {
		if (!ports.isArray()) {
			throw new InvalidInputException("ports must be a JSON array");
		}
		List<PortSetting> settings = new ArrayList<>();
		for (JsonNode port : ports) {
			if (port.isInt()) {
				settings.add(new PortSetting(port.asInt(), 0, "tcp"));
			}
			else if (port.isString()) {
				settings.add(port(port.asString()));
			}
			else if (port.isObject() && port.has("containerPort")) {
				settings.add(new PortSetting(port.get("containerPort").asInt(), port.path("hostPort").asInt(0),
						port.path("protocol").asString("tcp")));
			}
			else {
				throw new InvalidInputException("ports: '" + port + "' is not a port");
			}
		}
		return settings;
	}

	private static PortSetting port(String value) {
		String protocol = "tcp";
		String spec = value;
		int slash = value.indexOf('/');
		if (slash >= 0) {
			protocol = value.substring(slash + 1);
			spec = value.substring(0, slash);
		}
		try {
			int colon = spec.indexOf(':');
			if (colon < 0) {
				return new PortSetting(Integer.parseInt(spec), 0, protocol);
			}
			return new PortSetting(Integer.parseInt(spec.substring(colon + 1)), Integer.parseInt(spec.substring(0, colon)), protocol);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("ports: '" + value + "' is not a port such as 80, \"8080:80\" or \"53/udp\"");
		}
	}

	private static Link link(String value) {
		int colon = value.indexOf(':');
		if (colon < 0) {
			return new Link(value, value);
		}
		return new Link(value.substring(0, colon), value.substring(colon + 1));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new InvalidInputException(field + " must be a string");
		}
		return value.asString();
	}

	private static int integer(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new InvalidInputException(field + " must be a whole number");
		}
		return value.asInt();
	}

}
