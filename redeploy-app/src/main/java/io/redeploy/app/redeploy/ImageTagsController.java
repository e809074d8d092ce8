package io.redeploy.app.redeploy;

import java.util.List;
import java.util.Optional;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.redeploy.api.ImageTagsResponse;
import io.redeploy.core.access.Caller;
import io.redeploy.core.environment.EnvironmentAccess;
import io.redeploy.core.environment.EnvironmentRepository;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeSelector;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryCredentials;
import io.redeploy.docker.DockerEngine;

/**
 * {@code getimagetags}: the tags a node's image repository offers, as suggestions for a redeploy. From
 * the image's registry when it names one; else, or when that registry cannot be asked, the tags the
 * local engine holds. A suggestion, not a promise: the redeploy itself still pulls and checks.
 */
@RestController
@RequestMapping(path = "/1.0/environment/control/rest", method = { RequestMethod.GET, RequestMethod.POST })
class ImageTagsController {

	private final EnvironmentAccess access;

	private final DockerEngine engine;

	private final RegistryTags registry = new RegistryTags();

	ImageTagsController(EnvironmentRepository environments, DockerEngine engine) {
		this.access = new EnvironmentAccess(environments);
		this.engine = engine;
	}

	@RequestMapping("/getimagetags")
	ImageTagsResponse getImageTags(Caller caller, @RequestParam String envName, @RequestParam Optional<String> nodeGroup,
			@RequestParam Optional<Long> nodeId, @RequestParam Optional<String> login,
			@RequestParam Optional<String> password) {
		Optional<RegistryCredentials> credentials = RedeployController.credentials(login, password);
		Node node = this.access
			.nodes(this.access.environment(caller, envName), NodeSelector.fromParameters(nodeId, nodeGroup))
			.get(0);
		ImageRef image = node.image();
		String warning = null;
		if (RegistryTags.hasOwnRegistry(image)) {
			RegistryTags.Answer answer = this.registry.tags(image, credentials);
			if (answer.failure() == null) {
				return new ImageTagsResponse(0, image.repository(), image.tag(), "registry", answer.tags(), null);
			}
			warning = answer.failure() + "; showing the tags the engine has";
		}
		List<String> local = this.engine.localTags(image.repository());
		return new ImageTagsResponse(0, image.repository(), image.tag(), "local", local, warning);
	}

}
