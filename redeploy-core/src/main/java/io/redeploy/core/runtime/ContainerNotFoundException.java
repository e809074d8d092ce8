package io.redeploy.core.runtime;

/** The engine has no container of that id or name. */
public class ContainerNotFoundException extends ContainerRuntimeException {

	private final String container;

	public ContainerNotFoundException(String container) {
		super("No such container: " + container);
		this.container = container;
	}

	public String container() {
		return this.container;
	}

}
