package io.redeploy.app.environment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.EnvironmentRepository;
import io.redeploy.core.environment.EnvironmentStatus;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.environment.NodeStatus;
import io.redeploy.core.runtime.ImageRef;

@Repository
class JdbcEnvironmentRepository implements EnvironmentRepository {

	private static final String NODE_COLUMNS = "id, env_name, node_group, image_repository, image_tag, container_id, status, config";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JdbcEnvironmentRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public boolean insert(Environment environment) {
		try {
			this.jdbc.sql("insert into environments (env_name, owner, status, created_at) values (?, ?, ?, ?)")
				.params(environment.name(), environment.owner(), environment.status().name(),
						Timestamp.from(environment.createdAt()))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public Optional<Environment> find(String envName) {
		return this.jdbc.sql("select * from environments where env_name = ?").param(envName).query(this::environment).optional();
	}

	@Override
	public List<Environment> findByOwner(String owner) {
		return this.jdbc.sql("select * from environments where owner = ? order by env_name").param(owner).query(this::environment).list();
	}

	@Override
	public List<Environment> findAll() {
		return this.jdbc.sql("select * from environments order by env_name").query(this::environment).list();
	}

	@Override
	public void update(Environment environment) {
		this.jdbc.sql("update environments set status = ? where env_name = ?")
			.params(environment.status().name(), environment.name())
			.update();
	}

	@Override
	@Transactional
	public void delete(String envName) {
		this.jdbc.sql("delete from nodes where env_name = ?").param(envName).update();
		this.jdbc.sql("delete from environments where env_name = ?").param(envName).update();
	}

	@Override
	public long nextNodeId() {
		return this.jdbc.sql("select nextval('node_ids')").query(Long.class).single();
	}

	@Override
	public void insertNode(Node node) {
		this.jdbc.sql("insert into nodes (" + NODE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))")
			.params(node.id(), node.envName(), node.nodeGroup(), node.image().repository(), node.image().tag(),
					node.containerId(), node.status().name(), this.json.writeValueAsString(node.config()))
			.update();
	}

	@Override
	public void updateNode(Node node) {
		this.jdbc.sql("""
				update nodes set image_repository = ?, image_tag = ?, container_id = ?, status = ?, config = cast(? as jsonb)
				where id = ?
				""")
			.params(node.image().repository(), node.image().tag(), node.containerId(), node.status().name(),
					this.json.writeValueAsString(node.config()), node.id())
			.update();
	}

	@Override
	public List<Node> nodes(String envName) {
		return this.jdbc.sql("select " + NODE_COLUMNS + " from nodes where env_name = ? order by id")
			.param(envName)
			.query(this::node)
			.list();
	}

	@Override
	public Optional<Node> findNode(long nodeId) {
		return this.jdbc.sql("select " + NODE_COLUMNS + " from nodes where id = ?").param(nodeId).query(this::node).optional();
	}

	private Environment environment(ResultSet rs, int row) throws SQLException {
		return new Environment(rs.getString("env_name"), rs.getString("owner"),
				EnvironmentStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant());
	}

	private Node node(ResultSet rs, int row) throws SQLException {
		return new Node(rs.getLong("id"), rs.getString("env_name"), rs.getString("node_group"),
				new ImageRef(rs.getString("image_repository"), rs.getString("image_tag")), rs.getString("container_id"),
				NodeStatus.valueOf(rs.getString("status")), this.json.readValue(rs.getString("config"), NodeConfig.class));
	}

}
