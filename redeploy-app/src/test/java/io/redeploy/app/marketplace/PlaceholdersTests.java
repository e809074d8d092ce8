package io.redeploy.app.marketplace;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.redeploy.core.InvalidInputException;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.environment.NodeStatus;
import io.redeploy.core.runtime.ImageRef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlaceholdersTests {

	private final Placeholders placeholders = Placeholders.of("shop",
			List.of(node(101, "cp", "redeploy-test/app:1"), node(102, "cp", "redeploy-test/app:1"),
					node(103, "sqldb", "postgres:16")),
			Map.of("newTag", "2"));

	@Test
	void dollarPlaceholdersStandForTheEnvironmentItsNodesAndTheSettings() {
		assertThat(this.placeholders.resolve("${env.envName}", "x")).isEqualTo("shop");
		assertThat(this.placeholders.resolve("${nodes.sqldb.first.id}", "x")).isEqualTo("103");
		assertThat(this.placeholders.resolve("${nodes.cp.first.image}:${settings.newTag}", "x")).isEqualTo("redeploy-test/app:2");
		assertThat(this.placeholders.resolve("${nodes.sqldb.first.tag}", "x")).isEqualTo("16");
	}

	@Test
	void firstAndLastAreTheLowestAndHighestNodeOfTheGroup() {
		assertThat(this.placeholders.resolve("${nodes.cp.first.id} ${nodes.cp.last.id}", "x")).isEqualTo("101 102");
	}

	@Test
	void bracePlaceholdersWithoutDollarWorkToo() {
		assertThat(this.placeholders.resolve("{nodes.cp.first.id}", "x")).isEqualTo("101");
	}

	@Test
	void textWithoutPlaceholdersIsKeptAsIsEvenWithALoneBrace() {
		assertThat(this.placeholders.resolve("a {word} and $ and }", "x")).isEqualTo("a {word} and $ and }");
	}

	@Test
	void aReplacementIsNotReadAsAPattern() {
		Placeholders withDollar = Placeholders.of("shop", List.of(), Map.of("odd", "$1\\x"));

		assertThat(withDollar.resolve("${settings.odd}", "x")).isEqualTo("$1\\x");
	}

	@Test
	void anUnknownPlaceholderIsAnErrorSayingWhere() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.placeholders.resolve("${nodes.bl.first.id}", "onInstall[2].nodeId"))
			.withMessageContaining("onInstall[2].nodeId: unknown placeholder '${nodes.bl.first.id}'");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.placeholders.resolve("{settings.missing}", "x"))
			.withMessageContaining("not given in settings");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.placeholders.resolve("${}", "x"));
	}

	private static Node node(long id, String group, String image) {
		return new Node(id, "shop", group, ImageRef.parse(image), "c" + id, NodeStatus.RUNNING, NodeConfig.empty());
	}

}
