package io.redeploy.app.redeploy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.redeploy.core.environment.NodeConfig;
import io.redeploy.core.redeploy.ArchiveInfo;
import io.redeploy.core.redeploy.ArchiveKind;
import io.redeploy.core.redeploy.Snapshot;
import io.redeploy.core.redeploy.SnapshotRepository;
import io.redeploy.core.runtime.ImageRef;

@Repository
class JdbcSnapshotRepository implements SnapshotRepository {

	private static final TypeReference<List<StoredArchive>> ARCHIVES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JdbcSnapshotRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public void save(Snapshot snapshot) {
		List<StoredArchive> archives = snapshot.archives().stream().map(StoredArchive::of).toList();
		this.jdbc.sql("""
				insert into snapshots (id, node_id, env_name, created_at, image_repository, image_tag, operation_id,
				                       container_id, config, archives)
				values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))
				""")
			.params(snapshot.id(), snapshot.nodeId(), snapshot.envName(), Timestamp.from(snapshot.createdAt()),
					snapshot.image().repository(), snapshot.image().tag(), snapshot.operationId(), snapshot.containerId(),
					this.json.writeValueAsString(snapshot.config()), this.json.writeValueAsString(archives))
			.update();
	}

	@Override
	public List<Snapshot> findByNode(long nodeId) {
		return this.jdbc.sql("select * from snapshots where node_id = ? order by created_at desc, id")
			.param(nodeId)
			.query(this::snapshot)
			.list();
	}

	@Override
	public Optional<Snapshot> find(String snapshotId) {
		return this.jdbc.sql("select * from snapshots where id = ?").param(snapshotId).query(this::snapshot).optional();
	}

	@Override
	public Set<String> operationIds() {
		return Set.copyOf(this.jdbc.sql("select distinct operation_id from snapshots").query(String.class).list());
	}

	@Override
	public void delete(String snapshotId) {
		this.jdbc.sql("delete from snapshots where id = ?").param(snapshotId).update();
	}

	private Snapshot snapshot(ResultSet rs, int row) throws SQLException {
		List<ArchiveInfo> archives = this.json.readValue(rs.getString("archives"), ARCHIVES)
			.stream()
			.map(StoredArchive::toArchive)
			.toList();
		return new Snapshot(rs.getString("id"), rs.getLong("node_id"), rs.getString("env_name"),
				rs.getTimestamp("created_at").toInstant(),
				new ImageRef(rs.getString("image_repository"), rs.getString("image_tag")), rs.getString("operation_id"),
				rs.getString("container_id"), this.json.readValue(rs.getString("config"), NodeConfig.class), archives);
	}

	/** An archive as stored in JSON: the path as a plain string. */
	record StoredArchive(String kind, String containerPath, String file, long sizeBytes, String sha256) {

		static StoredArchive of(ArchiveInfo archive) {
			return new StoredArchive(archive.kind().name(), archive.containerPath(), archive.file().toString(),
					archive.sizeBytes(), archive.sha256());
		}

		ArchiveInfo toArchive() {
			return new ArchiveInfo(ArchiveKind.valueOf(this.kind), this.containerPath, Path.of(this.file), this.sizeBytes,
					this.sha256);
		}

	}

}
