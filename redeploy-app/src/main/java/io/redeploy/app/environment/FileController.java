package io.redeploy.app.environment;

import java.util.Optional;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.redeploy.api.FileReadResponse;
import io.redeploy.api.ResultResponse;
import io.redeploy.core.access.Caller;
import io.redeploy.core.environment.NodeSelector;
import io.redeploy.core.environment.NodeService;

/** {@code environment/file}: read and write files inside nodes. */
@RestController
@RequestMapping(path = "/1.0/environment/file/rest", method = { RequestMethod.GET, RequestMethod.POST })
class FileController {

	private final NodeService nodes;

	FileController(NodeService nodes) {
		this.nodes = nodes;
	}

	@RequestMapping("/read")
	FileReadResponse read(Caller caller, @RequestParam String envName, @RequestParam String path,
			@RequestParam Optional<String> nodeGroup, @RequestParam Optional<Long> nodeId) {
		return new FileReadResponse(0,
				this.nodes.readFile(caller, envName, NodeSelector.fromParameters(nodeId, nodeGroup), path));
	}

	@RequestMapping("/write")
	ResultResponse write(Caller caller, @RequestParam String envName, @RequestParam String path,
			@RequestParam String body, @RequestParam Optional<String> nodeGroup, @RequestParam Optional<Long> nodeId) {
		this.nodes.writeFile(caller, envName, NodeSelector.fromParameters(nodeId, nodeGroup), path, body);
		return ResultResponse.ok();
	}

}
