package io.redeploy.docker;

import java.util.Optional;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ImageRef;
import io.redeploy.core.runtime.RegistryCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pulls images, telling a missing image and refused credentials apart from other failures. */
final class ImagePuller {

	private static final Logger logger = LoggerFactory.getLogger(ImagePuller.class);

	private final DockerClient docker;

	ImagePuller(DockerClient docker) {
		this.docker = docker;
	}

	void pull(ImageRef image, Optional<RegistryCredentials> credentials) {
		logger.info("Pulling {}{}", image, credentials.map((c) -> " as " + c.login()).orElse(""));
		PullImageCmd command = this.docker.pullImageCmd(image.repository()).withTag(image.tag());
		credentials.ifPresent((c) -> command.withAuthConfig(authConfig(image, c)));
		PullProgress progress = new PullProgress();
		try {
			command.exec(progress).awaitCompletion();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ContainerRuntimeException("Interrupted while pulling " + image, ex);
		}
		catch (RuntimeException ex) {
			throw failure(image, ex);
		}
		Optional<Throwable> failure = progress.failure();
		if (failure.isPresent()) {
			throw failure(image, failure.get());
		}
		if (progress.streamError != null) {
			throw PullFailures.classify(image, 0, progress.streamError);
		}
	}

	// The password travels only in the X-Registry-Auth header (base64 JSON): it is never logged here,
	// and HTTP header logging (org.apache.hc.client5.http.headers at DEBUG) must stay off.
	private static AuthConfig authConfig(ImageRef image, RegistryCredentials credentials) {
		return new AuthConfig().withUsername(credentials.login())
			.withPassword(credentials.password())
			.withRegistryAddress(image.registry());
	}

	private static ContainerRuntimeException failure(ImageRef image, Throwable failure) {
		if (failure instanceof DockerException refused) {
			ContainerRuntimeException translated = PullFailures.classify(image, refused.getHttpStatus(),
					DockerErrors.engineMessage(refused));
			translated.initCause(refused);
			return translated;
		}
		return DockerErrors.translate(Target.image(image), "pull", failure);
	}

	/**
	 * Collects the outcome of a pull. The engine reports a failure either as an HTTP error, before
	 * any progress, or as an error item in the progress stream once it has answered 200.
	 */
	private static final class PullProgress extends QuietCallback<PullResponseItem> {

		private volatile String streamError;

		@Override
		public void onNext(PullResponseItem item) {
			if (this.streamError != null) {
				return;
			}
			if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
				this.streamError = item.getErrorDetail().getMessage();
			}
			else if (item.getError() != null) {
				this.streamError = item.getError();
			}
		}

	}

}
