package io.redeploy.docker;

import io.redeploy.core.runtime.ContainerRuntimeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ContainerPathsTests {

	@Test
	void normalizeCollapsesSlashesDotsAndParents() {
		assertThat(ContainerPaths.normalize("//etc/./app//../app/app.ini/")).isEqualTo("/etc/app/app.ini");
		assertThat(ContainerPaths.normalize("/../../etc")).isEqualTo("/etc");
		assertThat(ContainerPaths.normalize("/")).isEqualTo("/");
	}

	@Test
	void relativePathIsRefused() {
		assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(() -> ContainerPaths.normalize("etc/app"));
	}

	@Test
	void rootIsNoFile() {
		assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(() -> ContainerPaths.file("/.."));
	}

	@Test
	void linkTargetIsReadFromTheLinksDirectory() {
		assertThat(ContainerPaths.resolveLink("/etc/app/app.ini", "../../config/app.ini")).isEqualTo("/config/app.ini");
		assertThat(ContainerPaths.resolveLink("/etc/app/app.ini", "/data/app.ini")).isEqualTo("/data/app.ini");
		assertThat(ContainerPaths.resolveLink("/app.ini", "real.ini")).isEqualTo("/real.ini");
	}

	@Test
	void entryNameIsRelativeToRoot() {
		assertThat(ContainerPaths.relativeToRoot("/srv/new/conf.txt")).isEqualTo("srv/new/conf.txt");
	}

}
