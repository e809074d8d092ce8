package io.redeploy.core.runtime;

/** Neither the engine nor the registry has the image. */
public class ImageNotFoundException extends ContainerRuntimeException {

	private final ImageRef image;

	public ImageNotFoundException(ImageRef image, String detail) {
		super("Image " + image + " was not found: " + detail);
		this.image = image;
	}

	public ImageRef image() {
		return this.image;
	}

}
