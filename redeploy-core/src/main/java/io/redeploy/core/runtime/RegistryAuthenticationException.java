package io.redeploy.core.runtime;

/** The registry refused the login and password (or asked for some and none were given). */
public class RegistryAuthenticationException extends ContainerRuntimeException {

	private final ImageRef image;

	public RegistryAuthenticationException(ImageRef image, String detail) {
		super("Registry " + image.registry() + " refused access to " + image + ": " + detail);
		this.image = image;
	}

	public ImageRef image() {
		return this.image;
	}

}
