package io.redeploy.core.environment;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.redeploy.core.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeSelectorTests {

	@Test
	void nodeIdWinsOverNodeGroup() {
		NodeSelector selector = NodeSelector.of(7L, "cp");
		assertThat(selector.nodeId()).contains(7L);
		assertThat(selector.nodeGroup()).isEmpty();
	}

	@Test
	void neitherNodeIdNorNodeGroupIsAnError() {
		assertThatThrownBy(() -> NodeSelector.of(null, null)).isInstanceOf(InvalidInputException.class)
			.hasMessage("Either nodeId or nodeGroup is required");
		assertThatThrownBy(() -> NodeSelector.of(null, " ")).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aNodeGroupWithPathCharactersIsRefused() {
		assertThatThrownBy(() -> NodeSelector.group("../cp")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("nodeGroup");
	}

	@Test
	void groupSelectorMatchesOnlyThatGroup() {
		NodeSelector selector = new NodeSelector(Optional.empty(), Optional.of("cp"));
		Node cp = new Node(1, "env", "cp", io.redeploy.core.runtime.ImageRef.parse("app:1"), "", NodeStatus.RUNNING, NodeConfig.empty());
		Node db = new Node(2, "env", "sqldb", io.redeploy.core.runtime.ImageRef.parse("app:1"), "", NodeStatus.RUNNING, NodeConfig.empty());
		assertThat(selector.matches(cp)).isTrue();
		assertThat(selector.matches(db)).isFalse();
	}

}
