package io.redeploy.docker;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.ListNetworksCmd;
import com.github.dockerjava.api.command.ListVolumesCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named networks and volumes: created when missing, removed when present, found by label. */
final class NetworksAndVolumes {

	private static final Logger logger = LoggerFactory.getLogger(NetworksAndVolumes.class);

	private final DockerClient docker;

	NetworksAndVolumes(DockerClient docker) {
		this.docker = docker;
	}

	void createNetwork(String name, Map<String, String> labels) {
		DockerErrors.run(Target.network(name), "create", () -> {
			try {
				// Without the duplicate check the engine (before API 1.44) creates a second network of
				// the same name, and every later use of the name is ambiguous.
				this.docker.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
					.withLabels(labels).exec();
				logger.info("Created network {}", name);
			}
			catch (ConflictException ex) {
				logger.debug("Network {} exists already", name);
			}
		});
	}

	void removeNetwork(String name) {
		DockerErrors.run(Target.network(name), "remove", () -> {
			try {
				this.docker.removeNetworkCmd(name).exec();
				logger.info("Removed network {}", name);
			}
			catch (NotFoundException ex) {
				logger.debug("Network {} was already gone", name);
			}
		});
	}

	List<String> listNetworks(Map<String, String> labels) {
		return DockerErrors.call(Target.network("labelled " + labels), "list", () -> {
			ListNetworksCmd list = this.docker.listNetworksCmd();
			if (!labels.isEmpty()) {
				list.withFilter("label", labelFilter(labels));
			}
			return list.exec().stream().map(Network::getName).sorted().toList();
		});
	}

	void createVolume(String name, Map<String, String> labels) {
		DockerErrors.run(Target.volume(name), "create", () -> {
			// Looked up first: the engine would return an existing volume as is, but could refuse one
			// made with other options, and "created" should not be logged for it.
			if (exists(name)) {
				logger.debug("Volume {} exists already", name);
				return;
			}
			this.docker.createVolumeCmd().withName(name).withLabels(labels).exec();
			logger.info("Created volume {}", name);
		});
	}

	void removeVolume(String name) {
		DockerErrors.run(Target.volume(name), "remove", () -> {
			try {
				this.docker.removeVolumeCmd(name).exec();
				logger.info("Removed volume {}", name);
			}
			catch (NotFoundException ex) {
				logger.debug("Volume {} was already gone", name);
			}
		});
	}

	List<String> listVolumes(Map<String, String> labels) {
		return DockerErrors.call(Target.volume("labelled " + labels), "list", () -> {
			ListVolumesCmd list = this.docker.listVolumesCmd();
			if (!labels.isEmpty()) {
				list.withFilter("label", labelFilter(labels));
			}
			List<InspectVolumeResponse> volumes = list.exec().getVolumes();
			return (volumes != null) ? volumes.stream().map(InspectVolumeResponse::getName).sorted().toList() : List.of();
		});
	}

	private boolean exists(String name) {
		try {
			this.docker.inspectVolumeCmd(name).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	/** The engine's label filter: every {@code key=value} given must match. */
	static List<String> labelFilter(Map<String, String> labels) {
		return labels.entrySet()
			.stream()
			.map((label) -> label.getKey() + "=" + label.getValue())
			.sorted()
			.toList();
	}

}
