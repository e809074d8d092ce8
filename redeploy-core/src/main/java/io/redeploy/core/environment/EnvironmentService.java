package io.redeploy.core.environment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.redeploy.core.ConflictException;
import io.redeploy.core.InvalidInputException;
import io.redeploy.core.access.Caller;
import io.redeploy.core.access.Role;
import io.redeploy.core.runtime.ContainerState;

/** Creates, inspects, starts, stops and deletes environments of containers. */
public class EnvironmentService {

	private static final Logger logger = LoggerFactory.getLogger(EnvironmentService.class);

	static final int MAX_NODES_PER_ENVIRONMENT = 100;

	private final EnvironmentRepository repository;

	private final EnvironmentAccess access;

	private final NodeProvisioner provisioner;

	private final NodeLocks locks;

	private final Clock clock;

	public EnvironmentService(EnvironmentRepository repository, NodeProvisioner provisioner, NodeLocks locks,
			Clock clock) {
		this.repository = repository;
		this.access = new EnvironmentAccess(repository);
		this.provisioner = provisioner;
		this.locks = locks;
		this.clock = clock;
	}

	/**
	 * Creates an environment: its network, then each node group (groups that others link to first),
	 * each node with its volumes and a running container. A failure removes everything it made.
	 */
	public EnvironmentDetails create(Caller caller, String envName, List<NewNodeGroup> groups) {
		Environment.requireValidName(envName);
		List<NewNodeGroup> ordered = orderByLinks(groups);
		ordered.stream().map(NewNodeGroup::image).distinct().forEach((image) -> this.provisioner.ensureImage(image, Optional.empty()));
		Environment environment = new Environment(envName, caller.login(), EnvironmentStatus.CREATING, this.clock.instant());
		if (!this.repository.insert(environment)) {
			throw new ConflictException("Environment '" + envName + "' already exists");
		}
		try {
			List<Node> nodes = insertNodes(environment, ordered);
			this.provisioner.createNetwork(environment);
			for (Node node : nodes) {
				startNewNode(environment, node, nodes);
			}
			Environment running = environment.withStatus(EnvironmentStatus.RUNNING);
			this.repository.update(running);
			logger.info("Created environment {} with {} nodes for {}", envName, nodes.size(), caller.login());
			return details(running);
		}
		catch (RuntimeException ex) {
			logger.warn("Creating environment {} failed, removing what was made: {}", envName, ex.getMessage());
			this.provisioner.removeAll(environment);
			this.repository.delete(envName);
			throw ex;
		}
	}

	/** The caller's environment with its nodes and their containers' live state. */
	public EnvironmentDetails get(Caller caller, String envName) {
		return details(this.access.environment(caller, envName));
	}

	/** The caller's environments (an operator sees all of them). */
	public List<Environment> list(Caller caller) {
		return (caller.role() == Role.ADMIN) ? this.repository.findAll() : this.repository.findByOwner(caller.login());
	}

	/** Deletes the environment with all its containers, volumes, snapshots and its network. */
	public void delete(Caller caller, String envName) {
		Environment environment = this.access.environment(caller, envName);
		List<Node> nodes = this.repository.nodes(envName);
		this.locks.runLocked(nodes, "delete", () -> {
			this.provisioner.removeAll(environment);
			this.repository.delete(envName);
		});
		logger.info("Deleted environment {}", envName);
	}

	public EnvironmentDetails stop(Caller caller, String envName) {
		Environment environment = this.access.environment(caller, envName);
		List<Node> nodes = this.repository.nodes(envName);
		this.locks.runLocked(nodes, "stop", () -> {
			for (Node node : nodes) {
				this.provisioner.stop(node.containerId());
				this.repository.updateNode(node.withStatus(NodeStatus.STOPPED));
			}
			this.repository.update(environment.withStatus(EnvironmentStatus.STOPPED));
		});
		return get(caller, envName);
	}

	public EnvironmentDetails start(Caller caller, String envName) {
		Environment environment = this.access.environment(caller, envName);
		List<Node> nodes = this.repository.nodes(envName);
		this.locks.runLocked(nodes, "start", () -> {
			for (Node node : nodes) {
				this.provisioner.runtime().startContainer(node.containerId());
				this.repository.updateNode(node.withStatus(NodeStatus.RUNNING));
			}
			this.repository.update(environment.withStatus(EnvironmentStatus.RUNNING));
		});
		return get(caller, envName);
	}

	/** Restarts the selected nodes' containers one after another. */
	public List<Node> restartNodes(Caller caller, String envName, NodeSelector selector) {
		Environment environment = this.access.environment(caller, envName);
		List<Node> nodes = this.access.nodes(environment, selector);
		this.locks.runLocked(nodes, "restart", () -> {
			for (Node node : nodes) {
				this.provisioner.stop(node.containerId());
				this.provisioner.runtime().startContainer(node.containerId());
				this.repository.updateNode(node.withStatus(NodeStatus.RUNNING));
			}
		});
		return nodes;
	}

	EnvironmentDetails details(Environment environment) {
		List<EnvironmentDetails.NodeDetails> nodes = new ArrayList<>();
		for (Node node : this.repository.nodes(environment.name())) {
			Optional<ContainerState> state = node.containerId().isEmpty() ? Optional.empty()
					: this.provisioner.runtime().inspectContainer(node.containerId());
			nodes.add(new EnvironmentDetails.NodeDetails(node, state));
		}
		return new EnvironmentDetails(environment, nodes);
	}

	private List<Node> insertNodes(Environment environment, List<NewNodeGroup> groups) {
		List<Node> nodes = new ArrayList<>();
		for (NewNodeGroup group : groups) {
			for (int i = 0; i < group.count(); i++) {
				Node node = new Node(this.repository.nextNodeId(), environment.name(), group.nodeGroup(), group.image(),
						"", NodeStatus.CREATING, group.config());
				this.repository.insertNode(node);
				nodes.add(node);
			}
		}
		return nodes;
	}

	private void startNewNode(Environment environment, Node node, List<Node> nodes) {
		String containerId = this.provisioner.create(environment, node, node.image(),
				NodeContainers.containerName(environment.name(), node.id()), nodes);
		this.repository.updateNode(node.withContainer(containerId, NodeStatus.CREATING));
		this.provisioner.runtime().startContainer(containerId);
		this.repository.updateNode(node.withContainer(containerId, NodeStatus.RUNNING));
	}

	/** Groups in creation order: a group comes after every group it links to. */
	static List<NewNodeGroup> orderByLinks(List<NewNodeGroup> groups) {
		if (groups.isEmpty()) {
			throw new InvalidInputException("nodes must name at least one node group");
		}
		Map<String, NewNodeGroup> byName = new LinkedHashMap<>();
		int total = 0;
		for (NewNodeGroup group : groups) {
			if (byName.putIfAbsent(group.nodeGroup(), group) != null) {
				throw new InvalidInputException("node group '" + group.nodeGroup() + "' is given twice");
			}
			total += group.count();
		}
		if (total > MAX_NODES_PER_ENVIRONMENT) {
			throw new InvalidInputException("an environment has at most " + MAX_NODES_PER_ENVIRONMENT + " nodes");
		}
		for (NewNodeGroup group : groups) {
			for (NodeConfig.Link link : group.config().links()) {
				if (!byName.containsKey(link.nodeGroup())) {
					throw new InvalidInputException("node group '" + group.nodeGroup() + "' links to '" + link.nodeGroup()
							+ "', which is not in the environment");
				}
			}
		}
		List<NewNodeGroup> ordered = new ArrayList<>();
		Set<String> placed = new HashSet<>();
		while (ordered.size() < groups.size()) {
			NewNodeGroup next = groups.stream()
				.filter((group) -> !placed.contains(group.nodeGroup()))
				.filter((group) -> group.config().links().stream().allMatch((link) -> placed.contains(link.nodeGroup())
						|| link.nodeGroup().equals(group.nodeGroup())))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException("links between node groups form a cycle"));
			ordered.add(next);
			placed.add(next.nodeGroup());
		}
		return ordered;
	}

	/** An environment with its nodes, each with its container's state when the container exists. */
	public record EnvironmentDetails(Environment environment, List<NodeDetails> nodes) {

		public record NodeDetails(Node node, Optional<ContainerState> container) {
		}

	}

}
