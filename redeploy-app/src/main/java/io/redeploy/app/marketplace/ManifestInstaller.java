package io.redeploy.app.marketplace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.redeploy.api.ApiResult;
import io.redeploy.api.InstallResponse;
import io.redeploy.api.NodesResponse;
import io.redeploy.api.RedeployResponse;
import io.redeploy.app.environment.NodeViews;
import io.redeploy.app.redeploy.RedeployViews;
import io.redeploy.app.web.ApiResults;
import io.redeploy.core.InvalidInputException;
import io.redeploy.core.NotFoundException;
import io.redeploy.core.RedeployException;
import io.redeploy.core.access.Caller;
import io.redeploy.core.environment.EnvironmentService;
import io.redeploy.core.environment.EnvironmentService.EnvironmentDetails;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeSelector;
import io.redeploy.core.redeploy.RedeployRequest;
import io.redeploy.core.redeploy.RedeployService;
import io.redeploy.core.runtime.RegistryCredentials;

/**
 * Runs a manifest's actions on an environment, in order, stopping at the first that fails. Everything
 * that can be checked beforehand is: the environment and the caller's right to it, every placeholder,
 * every parameter and every node named; a manifest that fails those checks runs nothing.
 */
@Component
class ManifestInstaller {

	private static final Logger logger = LoggerFactory.getLogger(ManifestInstaller.class);

	private final EnvironmentService environments;

	private final RedeployService redeploys;

	ManifestInstaller(EnvironmentService environments, RedeployService redeploys) {
		this.environments = environments;
		this.redeploys = redeploys;
	}

	InstallResponse install(Caller caller, String envName, UpdateManifest manifest) {
		List<Step> steps = plan(caller, envName, manifest);
		logger.info("Installing manifest '{}' on {}: {} actions for {}", manifest.name(), envName, steps.size(),
				caller.login());
		List<InstallResponse.ActionResponse> responses = new ArrayList<>();
		for (Step step : steps) {
			InstallResponse.ActionResponse response = run(caller, envName, step);
			responses.add(response);
			if (response.result() != ApiResult.OK.code()) {
				String error = step.action().where() + " failed: " + response.error();
				logger.info("Manifest '{}' on {} stopped: {}", manifest.name(), envName, error);
				return new InstallResponse(response.result(), manifest.name(), responses, error);
			}
		}
		return new InstallResponse(ApiResult.OK.code(), manifest.name(), responses, null);
	}

	/** Every action resolved and checked against the environment as it is now. */
	private List<Step> plan(Caller caller, String envName, UpdateManifest manifest) {
		EnvironmentDetails details = this.environments.get(caller, envName);
		List<Node> nodes = details.nodes().stream().map(EnvironmentDetails.NodeDetails::node).toList();
		Placeholders placeholders = Placeholders.of(envName, nodes, manifest.settings());
		List<Step> steps = new ArrayList<>();
		for (UpdateManifest.Action action : manifest.actions()) {
			Parameters parameters = new Parameters(action, placeholders);
			parameters.optional("envName").filter((name) -> !name.equals(envName)).ifPresent((name) -> {
				throw new InvalidInputException("jps: " + action.where() + ": envName '" + name
						+ "' is not the environment the manifest is installed on ('" + envName + "')");
			});
			NodeSelector selector = NodeSelector.of(parameters.number("nodeId").orElse(null),
					parameters.optional("nodeGroup").orElse(null));
			requireNodes(nodes, selector, action);
			steps.add(switch (action.method()) {
				case REDEPLOY_CONTAINERS -> new Step(action, selector, Optional.of(redeployRequest(envName, selector, parameters)));
				case ROLLBACK_CONTAINERS, RESTART_NODES -> new Step(action, selector, Optional.empty());
			});
		}
		return steps;
	}

	private InstallResponse.ActionResponse run(Caller caller, String envName, Step step) {
		try {
			Object response = switch (step.action().method()) {
				case REDEPLOY_CONTAINERS -> RedeployViews.response(this.redeploys.redeploy(caller, step.redeploy().get()));
				case ROLLBACK_CONTAINERS -> RedeployViews.response(this.redeploys.rollback(caller, envName, step.selector()));
				case RESTART_NODES -> restart(caller, envName, step.selector());
			};
			int result = (response instanceof RedeployResponse redeploy) ? redeploy.result() : ApiResult.OK.code();
			String error = (response instanceof RedeployResponse redeploy) ? redeploy.error() : null;
			return new InstallResponse.ActionResponse(step.action().api(), result, error, response);
		}
		catch (RedeployException ex) {
			return new InstallResponse.ActionResponse(step.action().api(), ApiResults.of(ex).code(), ex.getMessage(), null);
		}
	}

	private NodesResponse restart(Caller caller, String envName, NodeSelector selector) {
		List<Long> restarted = this.environments.restartNodes(caller, envName, selector).stream().map(Node::id).toList();
		return new NodesResponse(ApiResult.OK.code(), NodeViews.nodes(this.environments.get(caller, envName))
			.stream()
			.filter((node) -> restarted.contains(node.id()))
			.toList());
	}

	private static RedeployRequest redeployRequest(String envName, NodeSelector selector, Parameters parameters) {
		Optional<String> login = parameters.optional("login").filter((value) -> !value.isBlank());
		Optional<String> password = parameters.optional("password").filter((value) -> !value.isEmpty());
		if (login.isPresent() != password.isPresent()) {
			throw parameters.invalid("login and password go together: give both or neither");
		}
		long delay = parameters.number("delay").orElse(0L);
		if (delay < 0 || delay > RedeployRequest.MAX_DELAY.toSeconds()) {
			throw parameters.invalid("delay must be between 0 and " + RedeployRequest.MAX_DELAY.toSeconds() + " seconds");
		}
		String tag = parameters.optional("tag").filter((value) -> !value.isBlank())
			.orElseThrow(() -> parameters.invalid("tag is required"));
		return new RedeployRequest(envName, selector, tag, parameters.bool("useExistingVolumes", true),
				parameters.bool("skipReinstall", false), login.map((user) -> new RegistryCredentials(user, password.get())),
				parameters.bool("isSequential", true), Duration.ofSeconds(delay));
	}

	/** A node or group that is not there would fail half-way through; it is refused before anything runs. */
	private static void requireNodes(List<Node> nodes, NodeSelector selector, UpdateManifest.Action action) {
		boolean found = nodes.stream()
			.anyMatch((node) -> selector.nodeId().map((id) -> id == node.id())
				.orElseGet(() -> selector.nodeGroup().get().equals(node.nodeGroup())));
		if (!found) {
			throw new NotFoundException("jps: " + action.where() + ": the environment has no " + selector);
		}
	}

	/** An action to run: the redeploy request is built (and so validated) before the first action runs. */
	private record Step(UpdateManifest.Action action, NodeSelector selector, Optional<RedeployRequest> redeploy) {
	}

	/** An action's parameters with placeholders resolved, read as the API reads them. */
	private static final class Parameters {

		private final UpdateManifest.Action action;

		private final Map<String, String> values;

		Parameters(UpdateManifest.Action action, Placeholders placeholders) {
			this.action = action;
			Map<String, String> resolved = new java.util.LinkedHashMap<>();
			action.parameters().forEach((key, value) -> resolved.put(key, placeholders.resolve(value, action.where() + "." + key)));
			this.values = resolved;
		}

		Optional<String> optional(String name) {
			return Optional.ofNullable(this.values.get(name));
		}

		Optional<Long> number(String name) {
			Optional<String> value = optional(name).map(String::trim).filter((text) -> !text.isEmpty());
			try {
				return value.map(Long::valueOf);
			}
			catch (NumberFormatException ex) {
				throw invalid(name + " must be a whole number, not '" + value.get() + "'");
			}
		}

		boolean bool(String name, boolean otherwise) {
			String value = optional(name).map(String::trim).orElse("");
			return switch (value) {
				case "" -> otherwise;
				case "true" -> true;
				case "false" -> false;
				default -> throw invalid(name + " must be true or false, not '" + value + "'");
			};
		}

		InvalidInputException invalid(String message) {
			return new InvalidInputException("jps: " + this.action.where() + ": " + message);
		}

	}

}
