package io.redeploy.app.marketplace;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.redeploy.core.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class ManifestParserTests {

	/** The manifest of the issue, also installed by {@link ManifestIT}. */
	static final String ISSUE_MANIFEST = """
			type: update
			name: Roll my layer
			onInstall:
			  - api: environment.control.RedeployContainers
			    nodeGroup: cp
			    tag: redeploy-test/app:2
			  - api: environment.control.RedeployContainers
			    nodeId: ${nodes.sqldb.first.id}
			    tag: 2
			""";

	@Test
	void theManifestOfTheIssueIsTwoRedeploysInOrder() {
		UpdateManifest manifest = ManifestParser.parse(ISSUE_MANIFEST);

		assertThat(manifest.name()).isEqualTo("Roll my layer");
		assertThat(manifest.actions()).extracting(UpdateManifest.Action::method)
			.containsExactly(ManifestMethod.REDEPLOY_CONTAINERS, ManifestMethod.REDEPLOY_CONTAINERS);
		assertThat(manifest.actions().get(0).parameters()).containsOnly(entry("nodeGroup", "cp"),
				entry("tag", "redeploy-test/app:2"));
		assertThat(manifest.actions().get(1).parameters()).containsOnly(entry("nodeId", "${nodes.sqldb.first.id}"),
				entry("tag", "2"));
		assertThat(manifest.actions().get(1).position()).isEqualTo(2);
	}

	@Test
	void everyScalarIsReadAsTextSoThatTagsKeepTheirDigits() {
		UpdateManifest manifest = ManifestParser.parse("""
				type: update
				onInstall:
				  - api: environment.control.RedeployContainers
				    nodeGroup: cp
				    tag: 2.10
				    skipReinstall: yes
				    delay: 030
				""");

		assertThat(manifest.actions().get(0).parameters()).contains(entry("tag", "2.10"), entry("skipReinstall", "yes"),
				entry("delay", "030"));
	}

	@Test
	void jsonIsAcceptedToo() {
		UpdateManifest manifest = ManifestParser.parse("""
				{"type": "update", "name": "json", "settings": {"newTag": "2"},
				 "onInstall": [{"api": "environment.control.RollbackContainers", "nodeGroup": "cp"}]}
				""");

		assertThat(manifest.settings()).containsExactly(entry("newTag", "2"));
		assertThat(manifest.actions().get(0).method()).isEqualTo(ManifestMethod.ROLLBACK_CONTAINERS);
	}

	@Test
	void actionNamesAreCaseInsensitiveAndMayCarryTheJelasticPrefix() {
		assertThat(ManifestMethod.named("Environment.Control.redeploycontainers")).contains(ManifestMethod.REDEPLOY_CONTAINERS);
		assertThat(ManifestMethod.named("jelastic.environment.control.RestartNodes")).contains(ManifestMethod.RESTART_NODES);
		assertThat(ManifestMethod.named("environment.control.RedeployContainerById")).contains(ManifestMethod.REDEPLOY_CONTAINERS);
		assertThat(ManifestMethod.named("RedeployContainers")).isEmpty();
		assertThat(ManifestMethod.named("environment.control.DeleteEnv")).isEmpty();
	}

	@Test
	void aSingleActionNeedNotBeAList() {
		UpdateManifest manifest = ManifestParser.parse("""
				type: update
				onInstall:
				  api: environment.control.RestartNodes
				  nodeGroup: cp
				""");

		assertThat(manifest.actions()).hasSize(1);
	}

	@Test
	void anUnknownActionIsRefusedNamingIt() {
		assertRefused("""
				type: update
				onInstall:
				  - api: environment.control.DeleteEnv
				""", "onInstall[1]: unknown action 'environment.control.DeleteEnv'");
	}

	@Test
	void anUnknownParameterIsRefusedNamingIt() {
		assertRefused("""
				type: update
				onInstall:
				  - api: environment.control.RollbackContainers
				    nodeGroup: cp
				    tag: 2
				""", "RollbackContainers takes no parameter 'tag'");
	}

	@Test
	void onlyUpdateManifestsAreRun() {
		assertRefused("type: install\nonInstall: []\n", "type must be 'update'");
		assertRefused("onInstall: []\n", "type is required");
	}

	@Test
	void malformedYamlIsRefusedWithItsPosition() {
		assertRefused("type: update\nonInstall:\n  - api: [unclosed\n", "not valid YAML or JSON");
		assertRefused("{\"type\": \"update\",", "not valid YAML or JSON");
	}

	@Test
	void aManifestThatIsNoMappingIsRefused() {
		assertRefused("- just\n- a list\n", "must be a mapping");
		assertRefused("   ", "jps is required");
	}

	@Test
	void duplicateKeysAreRefused() {
		assertRefused("type: update\ntype: update\nonInstall: []\n", "not valid YAML or JSON");
	}

	@Test
	void nestedValuesAreRefused() {
		assertRefused("""
				type: update
				onInstall:
				  - api: environment.control.RedeployContainers
				    tag: [1, 2]
				""", "onInstall[1].tag must be a single value");
	}

	@Test
	void noActionsIsRefused() {
		assertRefused("type: update\nonInstall: []\n", "onInstall has no action");
		assertRefused("type: update\n", "onInstall is required");
	}

	@Test
	void yamlTagsThatBuildObjectsAreRefused() {
		assertRefused("type: update\nonInstall: !!java.net.URL [\"http://x\"]\n", "not valid YAML or JSON");
	}

	@Test
	void unknownTopLevelKeysAreRefused() {
		assertRefused("type: update\nonInstal: []\n", "unknown key 'onInstal'");
	}

	private static void assertRefused(String jps, String message) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ManifestParser.parse(jps))
			.withMessageContaining(message);
	}

	@Test
	void settingsAreText() {
		assertThat(ManifestParser.parse("type: update\nsettings: {newTag: 2}\nonInstall:\n  - api: environment.control.RestartNodes\n")
			.settings()).isEqualTo(Map.of("newTag", "2"));
	}

}
