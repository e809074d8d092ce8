package io.redeploy.app.redeploy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.redeploy.api.ApiResult;
import io.redeploy.api.BackupsResponse;
import io.redeploy.api.OperationResponse;
import io.redeploy.api.RedeployResponse;
import io.redeploy.core.InvalidInputException;
import io.redeploy.core.access.Caller;
import io.redeploy.core.environment.NodeSelector;
import io.redeploy.core.redeploy.RedeployReport;
import io.redeploy.core.redeploy.RedeployRequest;
import io.redeploy.core.redeploy.RedeployService;
import io.redeploy.core.runtime.RegistryCredentials;

/**
 * {@code environment/control} methods that move nodes to a new image tag and back:
 * RedeployContainers (and its by-group and by-id forms), GetBackups, RestoreBackup, RollbackContainers,
 * GetOperation.
 */
@RestController
@RequestMapping(path = "/1.0/environment/control/rest", method = { RequestMethod.GET, RequestMethod.POST })
class RedeployController {

	private final RedeployService redeploys;

	private final AsyncRedeploys async;

	RedeployController(RedeployService redeploys, AsyncRedeploys async) {
		this.redeploys = redeploys;
		this.async = async;
	}

	@RequestMapping("/redeploycontainers")
	ResponseEntity<RedeployResponse> redeployContainers(Caller caller, @RequestParam String envName,
			@RequestParam Optional<String> nodeGroup, @RequestParam Optional<Long> nodeId, @RequestParam String tag,
			@RequestParam(defaultValue = "true") boolean useExistingVolumes,
			@RequestParam(defaultValue = "false") boolean skipReinstall, @RequestParam Optional<String> login,
			@RequestParam Optional<String> password, @RequestParam(defaultValue = "true") boolean isSequential,
			@RequestParam(defaultValue = "0") long delay, @RequestParam(defaultValue = "false") boolean async) {
		NodeSelector selector = NodeSelector.fromParameters(nodeId, nodeGroup);
		RedeployRequest request = new RedeployRequest(envName, selector, tag, useExistingVolumes, skipReinstall,
				credentials(login, password), isSequential, seconds(delay));
		if (async) {
			String operationId = this.async.start(caller, request);
			return ResponseEntity.accepted().body(new RedeployResponse(0, operationId, "RUNNING", List.of(), null));
		}
		return answer(this.redeploys.redeploy(caller, request));
	}

	@RequestMapping("/redeploycontainersbygroup")
	ResponseEntity<RedeployResponse> redeployContainersByGroup(Caller caller, @RequestParam String envName,
			@RequestParam String nodeGroup, @RequestParam String tag,
			@RequestParam(defaultValue = "true") boolean useExistingVolumes,
			@RequestParam(defaultValue = "false") boolean skipReinstall, @RequestParam Optional<String> login,
			@RequestParam Optional<String> password, @RequestParam(defaultValue = "true") boolean isSequential,
			@RequestParam(defaultValue = "0") long delay, @RequestParam(defaultValue = "false") boolean async) {
		return redeployContainers(caller, envName, Optional.of(nodeGroup), Optional.empty(), tag, useExistingVolumes,
				skipReinstall, login, password, isSequential, delay, async);
	}

	@RequestMapping("/redeploycontainerbyid")
	ResponseEntity<RedeployResponse> redeployContainerById(Caller caller, @RequestParam String envName,
			@RequestParam long nodeId, @RequestParam String tag,
			@RequestParam(defaultValue = "true") boolean useExistingVolumes,
			@RequestParam(defaultValue = "false") boolean skipReinstall, @RequestParam Optional<String> login,
			@RequestParam Optional<String> password, @RequestParam(defaultValue = "false") boolean async) {
		return redeployContainers(caller, envName, Optional.empty(), Optional.of(nodeId), tag, useExistingVolumes,
				skipReinstall, login, password, true, 0, async);
	}

	@RequestMapping("/getbackups")
	BackupsResponse getBackups(Caller caller, @RequestParam String envName, @RequestParam long nodeId) {
		return new BackupsResponse(0,
				this.redeploys.snapshots(caller, envName, nodeId).stream().map(RedeployViews::backup).toList());
	}

	@RequestMapping("/restorebackup")
	ResponseEntity<RedeployResponse> restoreBackup(Caller caller, @RequestParam String envName,
			@RequestParam long nodeId, @RequestParam String backupId,
			@RequestParam(defaultValue = "false") boolean restoreVolumes) {
		return answer(this.redeploys.restoreBackup(caller, envName, nodeId, backupId, restoreVolumes));
	}

	@RequestMapping("/rollbackcontainers")
	ResponseEntity<RedeployResponse> rollbackContainers(Caller caller, @RequestParam String envName,
			@RequestParam Optional<String> nodeGroup, @RequestParam Optional<Long> nodeId) {
		return answer(this.redeploys.rollback(caller, envName, NodeSelector.fromParameters(nodeId, nodeGroup)));
	}

	@RequestMapping("/getoperation")
	OperationResponse getOperation(Caller caller, @RequestParam String operationId) {
		return this.async.find(caller, operationId);
	}

	@RequestMapping("/getoperations")
	List<OperationResponse> getOperations(Caller caller, @RequestParam String envName) {
		return this.async.history(caller, envName);
	}

	private static ResponseEntity<RedeployResponse> answer(RedeployReport report) {
		RedeployResponse response = RedeployViews.response(report);
		int status = (report.result() == RedeployReport.Result.OK) ? 200 : ApiResult.REDEPLOY_FAILED.httpStatus();
		return ResponseEntity.status(status).body(response);
	}

	static Optional<RegistryCredentials> credentials(Optional<String> login, Optional<String> password) {
		Optional<String> user = login.filter((value) -> !value.isBlank());
		Optional<String> secret = password.filter((value) -> !value.isEmpty());
		if (user.isPresent() != secret.isPresent()) {
			throw new InvalidInputException("login and password go together: give both or neither");
		}
		return user.map((value) -> new RegistryCredentials(value, secret.get()));
	}

	private static Duration seconds(long delay) {
		if (delay < 0 || delay > RedeployRequest.MAX_DELAY.toSeconds()) {
			throw new InvalidInputException("delay must be between 0 and " + RedeployRequest.MAX_DELAY.toSeconds() + " seconds");
		}
		return Duration.ofSeconds(delay);
	}

}
