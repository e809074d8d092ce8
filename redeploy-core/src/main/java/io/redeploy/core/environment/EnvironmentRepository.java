package io.redeploy.core.environment;

import java.util.List;
import java.util.Optional;

/** Where environments and their nodes are kept. */
public interface EnvironmentRepository {

	/** Inserts a new environment; {@code false} when the name is taken. */
	boolean insert(Environment environment);

	Optional<Environment> find(String envName);

	List<Environment> findByOwner(String owner);

	List<Environment> findAll();

	void update(Environment environment);

	/** Deletes the environment and its nodes. */
	void delete(String envName);

	/** A new node id, unique across the platform. */
	long nextNodeId();

	void insertNode(Node node);

	void updateNode(Node node);

	/** The environment's nodes ordered by id. */
	List<Node> nodes(String envName);

	Optional<Node> findNode(long nodeId);

}
