package io.redeploy.docker.archive;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.redeploy.ArchiveInfo;
import io.redeploy.core.redeploy.Manifest;

/** Writes a {@link Manifest} as JSON by hand: a handful of fields do not need a JSON library here. */
final class ManifestWriter {

	private ManifestWriter() {
	}

	static String toJson(Manifest manifest) {
		StringBuilder json = new StringBuilder("{\n");
		field(json, "operationId", manifest.operationId()).append(",\n");
		field(json, "envName", manifest.envName()).append(",\n");
		json.append("  \"nodeId\": ").append(manifest.nodeId()).append(",\n");
		field(json, "nodeGroup", manifest.nodeGroup()).append(",\n");
		field(json, "containerId", manifest.containerId()).append(",\n");
		field(json, "oldImage", manifest.oldImage().toString()).append(",\n");
		field(json, "newImage", manifest.newImage().toString()).append(",\n");
		field(json, "createdAt", manifest.createdAt().toString()).append(",\n");
		json.append("  \"config\": ").append(config(manifest.config())).append(",\n");
		json.append("  \"archives\": [");
		for (Iterator<ArchiveInfo> it = manifest.archives().iterator(); it.hasNext();) {
			ArchiveInfo archive = it.next();
			json.append("\n    {\"kind\": ").append(string(archive.kind().name()))
				.append(", \"containerPath\": ").append(string(archive.containerPath()))
				.append(", \"file\": ").append(string(archive.file().getFileName().toString()))
				.append(", \"sizeBytes\": ").append(archive.sizeBytes())
				.append(", \"sha256\": ").append(string(archive.sha256()))
				.append('}')
				.append(it.hasNext() ? "," : "\n  ");
		}
		json.append("],\n");
		json.append("  \"warnings\": ").append(strings(manifest.warnings())).append('\n');
		return json.append("}\n").toString();
	}

	private static String config(NodeConfig config) {
		StringBuilder json = new StringBuilder("{");
		json.append("\"env\": {");
		Map<String, String> env = new TreeMap<>(config.env());
		for (Iterator<Map.Entry<String, String>> it = env.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, String> var = it.next();
			json.append(string(var.getKey())).append(": ").append(string(var.getValue())).append(it.hasNext() ? ", " : "");
		}
		json.append("}, \"cmd\": ").append(strings(config.cmd()));
		json.append(", \"entrypoint\": ").append(strings(config.entrypoint()));
		json.append(", \"ports\": [");
		for (Iterator<NodeConfig.PortSetting> it = config.ports().iterator(); it.hasNext();) {
			NodeConfig.PortSetting port = it.next();
			json.append("{\"containerPort\": ").append(port.containerPort()).append(", \"hostPort\": ").append(port.hostPort())
				.append(", \"protocol\": ").append(string(port.protocol())).append('}').append(it.hasNext() ? ", " : "");
		}
		json.append("], \"volumes\": ").append(strings(config.volumes()));
		json.append(", \"links\": [");
		for (Iterator<NodeConfig.Link> it = config.links().iterator(); it.hasNext();) {
			NodeConfig.Link link = it.next();
			json.append("{\"nodeGroup\": ").append(string(link.nodeGroup())).append(", \"alias\": ").append(string(link.alias()))
				.append('}').append(it.hasNext() ? ", " : "");
		}
		json.append("], \"hostname\": ").append(string(config.hostname()));
		json.append(", \"memoryMb\": ").append(config.memoryMb());
		json.append(", \"volumeSet\": ").append(string(config.volumeSet()));
		return json.append('}').toString();
	}

	private static StringBuilder field(StringBuilder json, String name, String value) {
		return json.append("  ").append(string(name)).append(": ").append(string(value));
	}

	private static String strings(List<String> values) {
		StringBuilder json = new StringBuilder("[");
		for (Iterator<String> it = values.iterator(); it.hasNext();) {
			json.append(string(it.next())).append(it.hasNext() ? ", " : "");
		}
		return json.append(']').toString();
	}

	static String string(String value) {
		StringBuilder json = new StringBuilder("\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x2028 || c == 0x2029) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
