package io.redeploy.core.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageRefTests {

	@Test
	void referenceWithoutTagMeansLatest() {
		assertThat(ImageRef.parse("nginx")).isEqualTo(new ImageRef("nginx", "latest"));
	}

	@Test
	void registryPortIsNotMistakenForATag() {
		ImageRef image = ImageRef.parse("127.0.0.1:5000/team/app");
		assertThat(image.repository()).isEqualTo("127.0.0.1:5000/team/app");
		assertThat(image.tag()).isEqualTo("latest");
		assertThat(image.registry()).isEqualTo("127.0.0.1:5000");
	}

	@Test
	void bareTagKeepsTheRepository() {
		assertThat(ImageRef.parse("team/app:1.0").resolve("2.0")).isEqualTo(new ImageRef("team/app", "2.0"));
	}

	@Test
	void fullReferenceReplacesTheRepository() {
		assertThat(ImageRef.parse("team/app:1.0").resolve("registry.example.com:5000/other/app:2.0"))
			.isEqualTo(new ImageRef("registry.example.com:5000/other/app", "2.0"));
	}

	@Test
	void imagesWithoutARegistryHostComeFromDockerHub() {
		assertThat(ImageRef.parse("team/app:1").registry()).isEqualTo("docker.io");
		assertThat(ImageRef.parse("localhost/app:1").registry()).isEqualTo("localhost");
	}

	@Test
	void shellMetacharactersInATagAreRefused() {
		assertThatThrownBy(() -> ImageRef.parse("app:1").resolve("2;rm -rf /"))
			.isInstanceOf(InvalidImageReferenceException.class)
			.hasMessageContaining("not a valid image");
	}

	@Test
	void upperCaseRepositoriesAndDigestsAreRefused() {
		assertThatThrownBy(() -> ImageRef.parse("Team/App:1")).isInstanceOf(InvalidImageReferenceException.class);
		assertThatThrownBy(() -> ImageRef.parse("app@sha256:abc")).isInstanceOf(InvalidImageReferenceException.class);
		assertThatThrownBy(() -> ImageRef.parse(" ")).isInstanceOf(InvalidImageReferenceException.class);
	}

}
