package io.redeploy.app.redeploy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.redeploy.api.NodeRedeployView;
import io.redeploy.api.OperationResponse;
import io.redeploy.core.redeploy.NodeReport;
import io.redeploy.core.redeploy.Operation;
import io.redeploy.core.redeploy.OperationJournal;
import io.redeploy.core.redeploy.OperationKind;
import io.redeploy.core.redeploy.RedeployReport;
import io.redeploy.core.redeploy.RedeployStep;

/** The operation journal in PostgreSQL; every write is committed before the step it announces starts. */
@Repository
class JdbcOperationJournal implements OperationJournal {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	JdbcOperationJournal(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void started(Operation operation) {
		this.jdbc.sql("""
				insert into operations (id, kind, env_name, caller, target, started_at) values (?, ?, ?, ?, ?, ?)
				""")
			.params(operation.id(), operation.kind().name(), operation.envName(), operation.caller(),
					truncate(operation.target(), 600), Timestamp.from(operation.startedAt()))
			.update();
		int position = 0;
		for (Long nodeId : operation.nodeIds()) {
			this.jdbc.sql("insert into operation_nodes (operation_id, node_id, position, updated_at) values (?, ?, ?, ?)")
				.params(operation.id(), nodeId, position++, now())
				.update();
		}
	}

	@Override
	public void stepReached(String operationId, long nodeId, RedeployStep step) {
		this.jdbc.sql("update operation_nodes set step = ?, updated_at = ? where operation_id = ? and node_id = ?")
			.params(step.name(), now(), operationId, nodeId)
			.update();
	}

	@Override
	public void nodeFinished(String operationId, NodeReport report) {
		NodeRedeployView view = RedeployViews.node(report);
		this.jdbc.sql("""
				update operation_nodes set outcome = ?, report = cast(? as jsonb), updated_at = ?
				where operation_id = ? and node_id = ?
				""")
			.params(report.outcome().name(), this.json.writeValueAsString(view), now(), operationId, report.nodeId())
			.update();
	}

	@Override
	public void finished(String operationId, RedeployReport.Result result) {
		this.jdbc.sql("update operations set result = ?, finished_at = ? where id = ?")
			.params(result.name(), now(), operationId)
			.update();
	}

	@Override
	public List<UnfinishedOperation> unfinished() {
		List<String[]> operations = this.jdbc.sql("select id, kind, env_name from operations where finished_at is null order by started_at")
			.query((rs, row) -> new String[] { rs.getString("id"), rs.getString("kind"), rs.getString("env_name") })
			.list();
		List<UnfinishedOperation> unfinished = new java.util.ArrayList<>();
		for (String[] operation : operations) {
			java.util.Map<Long, Optional<RedeployStep>> nodes = new java.util.LinkedHashMap<>();
			this.jdbc.sql("select node_id, step from operation_nodes where operation_id = ? and outcome is null order by position")
				.param(operation[0])
				.query((rs, row) -> nodes.put(rs.getLong("node_id"),
						Optional.ofNullable(rs.getString("step")).map(RedeployStep::valueOf)))
				.list();
			unfinished.add(new UnfinishedOperation(operation[0], OperationKind.valueOf(operation[1]), operation[2], nodes));
		}
		return unfinished;
	}

	@Override
	@Transactional
	public void recovered(String operationId, String note) {
		this.jdbc.sql("update operation_nodes set outcome = 'INTERRUPTED', updated_at = ? where operation_id = ? and outcome is null")
			.params(now(), operationId)
			.update();
		this.jdbc.sql("update operations set result = 'FAILED', finished_at = ?, error = ? where id = ?")
			.params(now(), truncate(note, 2000), operationId)
			.update();
	}

	/** Records an operation that failed before it could start (e.g. the image could not be pulled). */
	void failedBeforeStart(Operation operation, String error) {
		if (find(operation.id()).isEmpty()) {
			started(operation);
		}
		this.jdbc.sql("update operations set result = 'FAILED', finished_at = ?, error = ? where id = ?")
			.params(now(), truncate(error, 2000), operation.id())
			.update();
	}

	/** The operation as {@code getoperation} shows it. */
	Optional<OperationResponse> find(String operationId) {
		Optional<OperationResponse> operation = this.jdbc.sql("select * from operations where id = ?")
			.param(operationId)
			.query(this::operation)
			.optional();
		return operation.map((found) -> new OperationResponse(found.result(), found.operationId(), found.kind(),
				found.envName(), found.status(), found.target(), found.startedAt(), found.finishedAt(), found.error(),
				nodes(operationId)));
	}

	/** The latest operations of an environment, newest first. */
	List<OperationResponse> history(String envName, int limit) {
		return this.jdbc.sql("select * from operations where env_name = ? order by started_at desc limit ?")
			.params(envName, limit)
			.query(this::operation)
			.list();
	}

	private List<OperationResponse.NodeProgress> nodes(String operationId) {
		return this.jdbc.sql("select * from operation_nodes where operation_id = ? order by position")
			.param(operationId)
			.query((rs, row) -> new OperationResponse.NodeProgress(rs.getLong("node_id"), rs.getString("step"),
					rs.getString("outcome"),
					(rs.getString("report") != null) ? this.json.readValue(rs.getString("report"), NodeRedeployView.class)
							: null))
			.list();
	}

	private OperationResponse operation(ResultSet rs, int row) throws SQLException {
		String result = rs.getString("result");
		Timestamp finished = rs.getTimestamp("finished_at");
		return new OperationResponse(0, rs.getString("id"), rs.getString("kind"), rs.getString("env_name"),
				(result != null) ? result : "RUNNING", rs.getString("target"), rs.getTimestamp("started_at").toInstant(),
				(finished != null) ? finished.toInstant() : null, rs.getString("error"), List.of());
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	private static String truncate(String value, int length) {
		return (value.length() > length) ? value.substring(0, length) : value;
	}

}
