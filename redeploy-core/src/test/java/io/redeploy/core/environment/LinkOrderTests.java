package io.redeploy.core.environment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.redeploy.core.InvalidInputException;
import io.redeploy.core.runtime.ImageRef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkOrderTests {

	@Test
	void linkedLayersAreCreatedBeforeTheLayersThatLinkToThem() {
		List<NewNodeGroup> ordered = EnvironmentService.orderByLinks(
				List.of(group("cp", "bl:lb"), group("bl", "sqldb:db"), group("sqldb")));
		assertThat(ordered).extracting(NewNodeGroup::nodeGroup).containsExactly("sqldb", "bl", "cp");
	}

	@Test
	void aCycleOfLinksIsRefused() {
		assertThatThrownBy(() -> EnvironmentService.orderByLinks(List.of(group("a", "b:x"), group("b", "a:y"))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("cycle");
	}

	@Test
	void aLayerGivenTwiceIsRefused() {
		assertThatThrownBy(() -> EnvironmentService.orderByLinks(List.of(group("cp"), group("cp"))))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("given twice");
	}

	@Test
	void tooManyNodesAreRefused() {
		NewNodeGroup big = new NewNodeGroup("cp", 50, ImageRef.parse("app:1"), NodeConfig.empty());
		NewNodeGroup more = new NewNodeGroup("bl", 50, ImageRef.parse("app:1"), NodeConfig.empty());
		NewNodeGroup one = new NewNodeGroup("db", 1, ImageRef.parse("app:1"), NodeConfig.empty());
		assertThatThrownBy(() -> EnvironmentService.orderByLinks(List.of(big, more, one)))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("at most");
	}

	private static NewNodeGroup group(String name, String... links) {
		List<NodeConfig.Link> parsed = java.util.Arrays.stream(links)
			.map((link) -> new NodeConfig.Link(link.split(":")[0], link.split(":")[1]))
			.toList();
		NodeConfig config = new NodeConfig(Map.of(), List.of(), List.of(), List.of(), List.of(), parsed, "", 0);
		return new NewNodeGroup(name, 1, ImageRef.parse("app:1"), config);
	}

}
