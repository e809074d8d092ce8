package io.redeploy.core.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.EnvironmentRepository;
import io.redeploy.core.environment.Node;

/** Environments and nodes in maps; {@link #failUpdatesTo} makes a commit's write fail. */
public class InMemoryEnvironmentRepository implements EnvironmentRepository {

	private final Map<String, Environment> environments = new ConcurrentHashMap<>();

	private final Map<Long, Node> nodes = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private volatile String failingContainer = "";

	/** Every later update that points a node at this container throws, as a database gone away would. */
	public void failUpdatesTo(String containerId) {
		this.failingContainer = containerId;
	}

	@Override
	public boolean insert(Environment environment) {
		return this.environments.putIfAbsent(environment.name(), environment) == null;
	}

	@Override
	public Optional<Environment> find(String envName) {
		return Optional.ofNullable(this.environments.get(envName));
	}

	@Override
	public List<Environment> findByOwner(String owner) {
		return this.environments.values().stream().filter((e) -> e.owner().equals(owner)).toList();
	}

	@Override
	public List<Environment> findAll() {
		return new ArrayList<>(this.environments.values());
	}

	@Override
	public void update(Environment environment) {
		this.environments.put(environment.name(), environment);
	}

	@Override
	public void delete(String envName) {
		this.environments.remove(envName);
		this.nodes.values().removeIf((node) -> node.envName().equals(envName));
	}

	@Override
	public long nextNodeId() {
		return this.ids.incrementAndGet();
	}

	@Override
	public void insertNode(Node node) {
		this.nodes.put(node.id(), node);
	}

	@Override
	public void updateNode(Node node) {
		if (!this.failingContainer.isEmpty() && node.containerId().equals(this.failingContainer)) {
			throw new IllegalStateException("the database is unreachable");
		}
		this.nodes.put(node.id(), node);
	}

	@Override
	public List<Node> nodes(String envName) {
		return this.nodes.values().stream().filter((n) -> n.envName().equals(envName)).sorted(Comparator.comparingLong(Node::id)).toList();
	}

	@Override
	public Optional<Node> findNode(long nodeId) {
		return Optional.ofNullable(this.nodes.get(nodeId));
	}

}
