package io.redeploy.app.system;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.redeploy.api.HostsResponse;
import io.redeploy.api.HostsResponse.HostView;
import io.redeploy.core.access.Caller;
import io.redeploy.core.environment.NodeContainers;
import io.redeploy.docker.DockerEngine;
import io.redeploy.docker.EngineInfo;

/** {@code system/admin}: what an operator needs to see of the platform; refused (703) to users. */
@RestController
@RequestMapping(path = "/1.0/system/admin/rest", method = { RequestMethod.GET, RequestMethod.POST })
class SystemAdminController {

	private static final Map<String, String> MANAGED = Map.of(NodeContainers.LABEL_MANAGED, "true");

	private final DockerEngine engine;

	SystemAdminController(DockerEngine engine) {
		this.engine = engine;
	}

	/** The engine the service drives (one at present) and the containers, volumes and networks it made there. */
	@RequestMapping("/gethosts")
	HostsResponse getHosts(Caller caller) {
		caller.requireAdmin("list the Docker hosts");
		EngineInfo info = this.engine.info();
		HostView host = new HostView(info.version(), info.apiVersion(), info.operatingSystem(), info.architecture(),
				this.engine.listContainers(MANAGED).size(), this.engine.listVolumes(MANAGED).size(),
				this.engine.listNetworks(MANAGED).size());
		return new HostsResponse(0, List.of(host));
	}

}
