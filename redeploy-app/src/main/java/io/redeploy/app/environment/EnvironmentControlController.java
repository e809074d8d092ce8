package io.redeploy.app.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.redeploy.api.EnvInfoResponse;
import io.redeploy.api.EnvVarsResponse;
import io.redeploy.api.EnvsResponse;
import io.redeploy.api.ExecResponse;
import io.redeploy.api.NodesResponse;
import io.redeploy.api.ResultResponse;
import io.redeploy.app.web.JsonParameters;
import io.redeploy.core.InvalidInputException;
import io.redeploy.core.access.Caller;
import io.redeploy.core.environment.EnvironmentService;
import io.redeploy.core.environment.EnvironmentService.EnvironmentDetails;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeSelector;
import io.redeploy.core.environment.NodeService;
import io.redeploy.core.environment.NodeService.NodeExecution;
import io.redeploy.core.environment.NodeService.ShellCommand;
import io.redeploy.core.redeploy.ArchiveSweep;
import io.redeploy.core.runtime.ExecResult;

/** {@code environment/control}: environments, their nodes, commands and settings. */
@RestController
@RequestMapping(path = "/1.0/environment/control/rest", method = { RequestMethod.GET, RequestMethod.POST })
class EnvironmentControlController {

	private final EnvironmentService environments;

	private final NodeService nodes;

	private final JsonParameters json;

	private final ArchiveSweep archiveSweep;

	EnvironmentControlController(EnvironmentService environments, NodeService nodes, JsonParameters json,
			ArchiveSweep archiveSweep) {
		this.environments = environments;
		this.nodes = nodes;
		this.json = json;
		this.archiveSweep = archiveSweep;
	}

	@RequestMapping("/createenvironment")
	EnvInfoResponse createEnvironment(Caller caller, @RequestParam String env, @RequestParam String nodes) {
		JsonNode envNode = this.json.parse("env", env);
		JsonNode shortdomain = envNode.path("shortdomain");
		if (!shortdomain.isString()) {
			throw new InvalidInputException("env must be a JSON object with a \"shortdomain\" string");
		}
		var groups = new NodesParameter(this.json).parse(nodes);
		return envInfo(this.environments.create(caller, shortdomain.asString(), groups));
	}

	@RequestMapping("/getenvinfo")
	EnvInfoResponse getEnvInfo(Caller caller, @RequestParam String envName) {
		return envInfo(this.environments.get(caller, envName));
	}

	@RequestMapping("/getenvs")
	EnvsResponse getEnvs(Caller caller) {
		return new EnvsResponse(0, this.environments.list(caller).stream().map(NodeViews::env).toList());
	}

	@RequestMapping("/deleteenv")
	ResultResponse deleteEnv(Caller caller, @RequestParam String envName) {
		this.environments.delete(caller, envName);
		// its snapshots went with its nodes: their archives on the host are now unused
		this.archiveSweep.sweep();
		return ResultResponse.ok();
	}

	@RequestMapping("/startenv")
	EnvInfoResponse startEnv(Caller caller, @RequestParam String envName) {
		return envInfo(this.environments.start(caller, envName));
	}

	@RequestMapping("/stopenv")
	EnvInfoResponse stopEnv(Caller caller, @RequestParam String envName) {
		return envInfo(this.environments.stop(caller, envName));
	}

	@RequestMapping({ "/restartnodes", "/restartnodebyid", "/restartnodesbygroup" })
	NodesResponse restartNodes(Caller caller, @RequestParam String envName, @RequestParam Optional<String> nodeGroup,
			@RequestParam Optional<Long> nodeId) {
		List<Node> restarted = this.environments.restartNodes(caller, envName, NodeSelector.fromParameters(nodeId, nodeGroup));
		return nodesResponse(caller, envName, restarted);
	}

	@RequestMapping("/execcmdbyid")
	ExecResponse execById(Caller caller, @RequestParam String envName, @RequestParam long nodeId,
			@RequestParam String commandList) {
		return exec(caller, envName, NodeSelector.node(nodeId), commandList);
	}

	@RequestMapping("/execcmdbygroup")
	ExecResponse execByGroup(Caller caller, @RequestParam String envName, @RequestParam String nodeGroup,
			@RequestParam String commandList) {
		return exec(caller, envName, NodeSelector.group(nodeGroup), commandList);
	}

	@RequestMapping("/getcontainerenvvars")
	EnvVarsResponse getEnvVars(Caller caller, @RequestParam String envName, @RequestParam Optional<String> nodeGroup,
			@RequestParam Optional<Long> nodeId) {
		Map<Long, Map<String, String>> vars = this.nodes.envVars(caller, envName, NodeSelector.fromParameters(nodeId, nodeGroup));
		List<EnvVarsResponse.NodeVars> perNode = vars.entrySet()
			.stream()
			.map((entry) -> new EnvVarsResponse.NodeVars(entry.getKey(), entry.getValue()))
			.toList();
		return new EnvVarsResponse(0, perNode.get(0).vars(), perNode);
	}

	@RequestMapping("/addcontainerenvvars")
	NodesResponse addEnvVars(Caller caller, @RequestParam String envName, @RequestParam Optional<String> nodeGroup,
			@RequestParam Optional<Long> nodeId, @RequestParam String vars) {
		Map<String, String> added = this.json.stringMap("vars", this.json.parse("vars", vars));
		return nodesResponse(caller, envName, this.nodes.addEnvVars(caller, envName, NodeSelector.fromParameters(nodeId, nodeGroup), added));
	}

	@RequestMapping("/removecontainerenvvars")
	NodesResponse removeEnvVars(Caller caller, @RequestParam String envName, @RequestParam Optional<String> nodeGroup,
			@RequestParam Optional<Long> nodeId, @RequestParam String vars) {
		List<String> names = this.json.stringList("vars", this.json.parse("vars", vars));
		return nodesResponse(caller, envName, this.nodes.removeEnvVars(caller, envName, NodeSelector.fromParameters(nodeId, nodeGroup), names));
	}

	@RequestMapping("/setcontainerrunconfig")
	NodesResponse setRunConfig(Caller caller, @RequestParam String envName, @RequestParam Optional<String> nodeGroup,
			@RequestParam Optional<Long> nodeId, @RequestParam Optional<String> cmd,
			@RequestParam Optional<String> entrypoint) {
		List<Node> changed = this.nodes.setRunConfig(caller, envName, NodeSelector.fromParameters(nodeId, nodeGroup),
				this.json.commandLine("cmd", cmd.orElse(null)), this.json.commandLine("entrypoint", entrypoint.orElse(null)));
		return nodesResponse(caller, envName, changed);
	}

	private ExecResponse exec(Caller caller, String envName, NodeSelector selector, String commandList) {
		JsonNode list = this.json.parse("commandList", commandList);
		if (!list.isArray()) {
			throw new InvalidInputException("commandList must be a JSON array of {\"command\", \"params\"}");
		}
		List<ShellCommand> commands = new ArrayList<>();
		for (JsonNode command : list) {
			if (!command.isObject()) {
				throw new InvalidInputException("commandList must be a JSON array of {\"command\", \"params\"}");
			}
			commands.add(new ShellCommand(command.path("command").asString(null), command.path("params").asString(null)));
		}
		List<ExecResponse.CommandOutput> outputs = new ArrayList<>();
		for (NodeExecution execution : this.nodes.exec(caller, envName, selector, commands)) {
			for (int i = 0; i < commands.size(); i++) {
				ExecResult result = execution.results().get(i);
				outputs.add(new ExecResponse.CommandOutput(execution.nodeId(), (result.exitCode() == 0) ? 0 : 1,
						commands.get(i).command(), result.stdout(), result.stderr(), result.exitCode()));
			}
		}
		return new ExecResponse(0, outputs);
	}

	private NodesResponse nodesResponse(Caller caller, String envName, List<Node> acted) {
		EnvironmentDetails details = this.environments.get(caller, envName);
		List<Long> ids = acted.stream().map(Node::id).toList();
		return new NodesResponse(0, details.nodes()
			.stream()
			.filter((node) -> ids.contains(node.node().id()))
			.map((node) -> NodeViews.node(node.node(), node.container()))
			.toList());
	}

	private static EnvInfoResponse envInfo(EnvironmentDetails details) {
		return new EnvInfoResponse(0, NodeViews.env(details.environment()), NodeViews.nodes(details));
	}

}
