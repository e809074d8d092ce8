package io.redeploy.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Dependencies point inwards: api ← core ← docker, and only the app knows Spring. */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.redeploy");

	@Test
	void theApiDependsOnNothingOfOurs() {
		noClasses().that()
			.resideInAPackage("io.redeploy.api..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.redeploy.core..", "io.redeploy.docker..", "io.redeploy.app..", "org.springframework..",
					"tools.jackson..", "com.fasterxml..")
			.check(CLASSES);
	}

	@Test
	void theCoreKnowsNeitherSpringNorDockerNorTheAdapters() {
		noClasses().that()
			.resideInAPackage("io.redeploy.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "com.github.dockerjava..", "org.apache.commons.compress..",
					"tools.jackson..", "com.fasterxml..", "java.sql..", "io.redeploy.docker..", "io.redeploy.app..")
			.check(CLASSES);
	}

	@Test
	void theDockerAdapterKnowsNeitherSpringNorTheApp() {
		noClasses().that()
			.resideInAPackage("io.redeploy.docker..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.redeploy.app..")
			.check(CLASSES);
	}

}
