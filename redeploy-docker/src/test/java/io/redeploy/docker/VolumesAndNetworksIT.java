package io.redeploy.docker;

import java.util.Map;

import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.docker.testing.TestDocker;
import io.redeploy.docker.testing.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VolumesAndNetworksIT extends EngineTestSupport {

	@Test
	void volumeContentSurvivesContainerRecreation() {
		this.runtime.createVolume(name("data"), this.labels);
		String first = spec("app", TestImages.APP_1).volume(name("data"), "/var/lib/app").start(this.runtime);
		assertSucceeded(sh(first, "echo kept > /var/lib/app/state.txt"));

		this.runtime.removeContainer(first);
		String second = spec("app", TestImages.APP_2).volume(name("data"), "/var/lib/app").start(this.runtime);

		assertThat(sh(second, "cat /var/lib/app/state.txt").stdout()).isEqualTo("kept\n");
		assertThat(sh(second, "cat /opt/app/VERSION").stdout()).isEqualTo("2\n");
	}

	@Test
	void creatingExistingVolumeOrNetworkChangesNothing() {
		this.runtime.createVolume(name("data"), this.labels);
		this.runtime.createNetwork(name("net"), this.labels);

		this.runtime.createVolume(name("data"), this.labels);
		this.runtime.createNetwork(name("net"), this.labels);

		assertThat(this.runtime.listVolumes(this.labels)).containsExactly(name("data"));
		assertThat(this.runtime.listNetworks(this.labels)).containsExactly(name("net"));
	}

	@Test
	void networkAliasAndLinkAliasResolveFromAnotherContainer() {
		this.runtime.createNetwork(name("net"), this.labels);
		spec("db", TestImages.APP_1).network(name("net"), "database").start(this.runtime);
		String web = spec("web", TestImages.APP_1).network(name("net"), "web")
			.link(name("db"), "legacy-db")
			.start(this.runtime);
		String other = spec("other", TestImages.APP_1).network(name("net")).start(this.runtime);

		assertSucceeded(sh(web, "ping -c1 -W2 database"));
		assertSucceeded(sh(web, "ping -c1 -W2 legacy-db"));
		assertThat(sh(web, "nslookup legacy-db").stdout()).contains("Name:\tlegacy-db");
		assertSucceeded(sh(other, "ping -c1 -W2 web"));
		// A link is the linking container's own name for the other one.
		assertThat(sh(other, "ping -c1 -W2 legacy-db").exitCode()).isNotZero();
	}

	@Test
	void labelFiltersListOnlyOurObjects() {
		Map<String, String> otherLabels = Map.of(TestDocker.TEST_LABEL, "true", RUN_LABEL, this.run + "-other");
		this.runtime.createVolume(name("ours"), this.labels);
		this.runtime.createNetwork(name("ours"), this.labels);
		this.runtime.createVolume(name("theirs"), otherLabels);
		this.runtime.createNetwork(name("theirs"), otherLabels);
		try {
			assertThat(this.runtime.listVolumes(this.labels)).containsExactly(name("ours"));
			assertThat(this.runtime.listNetworks(this.labels)).containsExactly(name("ours"));
			assertThat(this.runtime.listVolumes(Map.of(RUN_LABEL, this.run))).containsExactly(name("ours"));
			assertThat(this.runtime.listVolumes(Map.of(TestDocker.TEST_LABEL, "true"))).contains(name("ours"),
					name("theirs"));
		}
		finally {
			TestDocker.removeAll(otherLabels);
		}
		assertThat(this.runtime.listVolumes(otherLabels)).isEmpty();
	}

	@Test
	void removingMissingVolumeOrNetworkIsIgnored() {
		this.runtime.removeVolume(name("missing"));
		this.runtime.removeNetwork(name("missing"));
	}

	@Test
	void removingVolumeInUseFailsNamingIt() {
		this.runtime.createVolume(name("busy"), this.labels);
		spec("user", TestImages.APP_1).volume(name("busy"), "/data").create(this.runtime);

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.runtime.removeVolume(name("busy")))
			.withMessageContaining("volume " + name("busy"));
	}

	@Test
	void removedContainerKeepsItsNamedVolume() {
		this.runtime.createVolume(name("kept"), this.labels);
		String id = spec("user", TestImages.APP_1).volume(name("kept"), "/data").create(this.runtime);

		this.runtime.removeContainer(id);

		assertThat(this.runtime.listVolumes(this.labels)).containsExactly(name("kept"));
	}

}
