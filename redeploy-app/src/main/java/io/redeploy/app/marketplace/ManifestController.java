package io.redeploy.app.marketplace;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.redeploy.api.InstallResponse;
import io.redeploy.app.web.ApiResults;
import io.redeploy.core.access.Caller;

/**
 * {@code marketplace/jps/install}: runs a cloud-scripting manifest ({@code type: update}) on an
 * existing environment.
 */
@RestController
@RequestMapping(path = "/1.0/marketplace/jps/rest", method = { RequestMethod.GET, RequestMethod.POST })
class ManifestController {

	private final ManifestInstaller installer;

	ManifestController(ManifestInstaller installer) {
		this.installer = installer;
	}

	@RequestMapping("/install")
	ResponseEntity<InstallResponse> install(Caller caller, @RequestParam String envName, @RequestParam String jps) {
		UpdateManifest manifest = ManifestParser.parse(jps);
		InstallResponse response = this.installer.install(caller, envName, manifest);
		return ResponseEntity.status(ApiResults.ofCode(response.result()).httpStatus()).body(response);
	}

}
