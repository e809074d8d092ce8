package io.redeploy.docker;

import io.redeploy.core.runtime.ContainerNotFoundException;
import io.redeploy.core.runtime.ContainerPathNotFoundException;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ImageNotFoundException;
import io.redeploy.core.runtime.ImageRef;

/** What a Docker call acts on: it names the object in messages and says what the engine's 404 means. */
sealed interface Target {

	String describe();

	ContainerRuntimeException notFound(String engineMessage);

	static Target engine() {
		return new Engine();
	}

	static Target container(String containerId) {
		return new Container(containerId);
	}

	static Target newContainer(String name, ImageRef image) {
		return new NewContainer(name, image);
	}

	static Target image(ImageRef image) {
		return new Image(image);
	}

	static Target path(String containerId, String path) {
		return new ContainerPath(containerId, path);
	}

	static Target network(String name) {
		return new Named("network " + name);
	}

	static Target volume(String name) {
		return new Named("volume " + name);
	}

	record Engine() implements Target {

		@Override
		public String describe() {
			return "the Docker engine";
		}

		@Override
		public ContainerRuntimeException notFound(String engineMessage) {
			return new ContainerRuntimeException("The Docker engine answered 404: " + engineMessage);
		}

	}

	/**
	 * An existing container. Its 404 can also be about something it uses: starting a container whose
	 * network was removed answers "network ... not found".
	 */
	record Container(String id) implements Target {

		@Override
		public String describe() {
			return "container " + this.id;
		}

		@Override
		public ContainerRuntimeException notFound(String engineMessage) {
			if (engineMessage.contains("No such container")) {
				return new ContainerNotFoundException(this.id);
			}
			return new ContainerRuntimeException("Docker could not act on " + describe() + ": " + engineMessage);
		}

	}

	/** A container being created: a 404 means its image or its network is missing. */
	record NewContainer(String name, ImageRef image) implements Target {

		@Override
		public String describe() {
			return "container " + this.name + " (" + this.image + ")";
		}

		@Override
		public ContainerRuntimeException notFound(String engineMessage) {
			if (engineMessage.contains("No such image")) {
				return new ImageNotFoundException(this.image, engineMessage);
			}
			return new ContainerRuntimeException("Cannot create " + describe() + ": " + engineMessage);
		}

	}

	record Image(ImageRef image) implements Target {

		@Override
		public String describe() {
			return "image " + this.image;
		}

		@Override
		public ContainerRuntimeException notFound(String engineMessage) {
			return new ImageNotFoundException(this.image, engineMessage);
		}

	}

	/** A path in a container: the engine answers 404 for a missing container as for a missing path. */
	record ContainerPath(String containerId, String path) implements Target {

		@Override
		public String describe() {
			return this.path + " in container " + this.containerId;
		}

		@Override
		public ContainerRuntimeException notFound(String engineMessage) {
			if (engineMessage.contains("No such container")) {
				return new ContainerNotFoundException(this.containerId);
			}
			return new ContainerPathNotFoundException(this.containerId, this.path);
		}

	}

	/** A network or volume; the port has no exception of its own for those. */
	record Named(String description) implements Target {

		@Override
		public String describe() {
			return this.description;
		}

		@Override
		public ContainerRuntimeException notFound(String engineMessage) {
			return new ContainerRuntimeException("No such " + this.description + ": " + engineMessage);
		}

	}

}
