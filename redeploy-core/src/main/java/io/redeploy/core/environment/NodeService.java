package io.redeploy.core.environment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.redeploy.core.InvalidInputException;
import io.redeploy.core.access.Caller;
import io.redeploy.core.runtime.ContainerRuntime;
import io.redeploy.core.runtime.ExecResult;

/** What a user does to the nodes of an environment: run commands, read and write files, change settings. */
public class NodeService {

	private static final Logger logger = LoggerFactory.getLogger(NodeService.class);

	/** The largest file {@code read} returns. */
	public static final long MAX_FILE_BYTES = 8 * 1024 * 1024;

	private final EnvironmentRepository repository;

	private final EnvironmentAccess access;

	private final ContainerRuntime runtime;

	private final NodeLocks locks;

	private final NodeReplacer replacer;

	private final Duration execTimeout;

	public NodeService(EnvironmentRepository repository, ContainerRuntime runtime, NodeLocks locks,
			NodeReplacer replacer, Duration execTimeout) {
		this.repository = repository;
		this.access = new EnvironmentAccess(repository);
		this.runtime = runtime;
		this.locks = locks;
		this.replacer = replacer;
		this.execTimeout = execTimeout;
	}

	/** Runs each command, through {@code sh -c}, on every selected node. */
	public List<NodeExecution> exec(Caller caller, String envName, NodeSelector selector, List<ShellCommand> commands) {
		if (commands.isEmpty()) {
			throw new InvalidInputException("commandList must hold at least one command");
		}
		List<Node> nodes = this.access.nodes(this.access.environment(caller, envName), selector);
		List<NodeExecution> executions = new ArrayList<>();
		for (Node node : nodes) {
			List<ExecResult> results = new ArrayList<>();
			for (ShellCommand command : commands) {
				results.add(this.runtime.exec(node.containerId(), List.of("sh", "-c", command.line()), this.execTimeout));
			}
			executions.add(new NodeExecution(node.id(), results));
		}
		return executions;
	}

	/** The content of a file on the selected node (the first node of a group). */
	public String readFile(Caller caller, String envName, NodeSelector selector, String path) {
		Node node = this.access.nodes(this.access.environment(caller, envName), selector).get(0);
		byte[] content = this.runtime.readFile(node.containerId(), ContainerPaths.requireAbsolute(path), MAX_FILE_BYTES);
		return new String(content, StandardCharsets.UTF_8);
	}

	/** Writes a file on every selected node, creating missing directories. */
	public List<Node> writeFile(Caller caller, String envName, NodeSelector selector, String path, String body) {
		String target = ContainerPaths.requireAbsolute(path);
		if (body == null) {
			throw new InvalidInputException("body is required");
		}
		List<Node> nodes = this.access.nodes(this.access.environment(caller, envName), selector);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		this.locks.runLocked(nodes, "file write", () -> nodes.forEach((node) -> this.runtime.writeFile(node.containerId(), target, bytes)));
		return nodes;
	}

	/** The variables each selected node's container runs with: the image's, overridden by the user's. */
	public Map<Long, Map<String, String>> envVars(Caller caller, String envName, NodeSelector selector) {
		List<Node> nodes = this.access.nodes(this.access.environment(caller, envName), selector);
		Map<Long, Map<String, String>> result = new LinkedHashMap<>();
		for (Node node : nodes) {
			Map<String, String> vars = new LinkedHashMap<>();
			for (String entry : this.runtime.inspectImage(node.image()).env()) {
				int eq = entry.indexOf('=');
				vars.put((eq < 0) ? entry : entry.substring(0, eq), (eq < 0) ? "" : entry.substring(eq + 1));
			}
			vars.putAll(node.config().env());
			result.put(node.id(), vars);
		}
		return result;
	}

	/** Adds (or replaces) the user's variables on the selected nodes and recreates their containers. */
	public List<Node> addEnvVars(Caller caller, String envName, NodeSelector selector, Map<String, String> vars) {
		if (vars.isEmpty()) {
			throw new InvalidInputException("vars must name at least one variable");
		}
		return reconfigure(caller, envName, selector, "add env vars", (config) -> config.plusEnv(vars));
	}

	/** Removes the user's variables from the selected nodes and recreates their containers. */
	public List<Node> removeEnvVars(Caller caller, String envName, NodeSelector selector, List<String> names) {
		if (names.isEmpty()) {
			throw new InvalidInputException("vars must name at least one variable");
		}
		return reconfigure(caller, envName, selector, "remove env vars", (config) -> config.minusEnv(names));
	}

	/** Sets the run command and entrypoint overrides (empty = the image's) and recreates the containers. */
	public List<Node> setRunConfig(Caller caller, String envName, NodeSelector selector, List<String> cmd,
			List<String> entrypoint) {
		return reconfigure(caller, envName, selector, "set run config", (config) -> config.withRunConfig(cmd, entrypoint));
	}

	private List<Node> reconfigure(Caller caller, String envName, NodeSelector selector, String activity,
			java.util.function.UnaryOperator<NodeConfig> change) {
		Environment environment = this.access.environment(caller, envName);
		List<Node> nodes = this.access.nodes(environment, selector);
		List<Node> changed = new ArrayList<>();
		this.locks.runLocked(nodes, activity, () -> {
			for (Node node : nodes) {
				Node updated = node.withConfig(change.apply(node.config()));
				changed.add(this.replacer.replace(environment, updated));
				logger.info("Node {} of {}: {}", node.id(), envName, activity);
			}
		});
		return changed;
	}

	/** One command of a {@code commandList}: the command and its parameters, joined by a space. */
	public record ShellCommand(String command, String params) {

		public ShellCommand {
			if (command == null || command.isBlank()) {
				throw new InvalidInputException("each command needs a non-empty 'command'");
			}
			params = (params != null) ? params : "";
		}

		String line() {
			return this.params.isBlank() ? this.command : this.command + " " + this.params;
		}

	}

	/** The results of the commands run on one node, in order. */
	public record NodeExecution(long nodeId, List<ExecResult> results) {
	}

}
