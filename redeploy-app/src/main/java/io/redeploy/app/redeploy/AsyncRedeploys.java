package io.redeploy.app.redeploy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.redeploy.api.OperationResponse;
import io.redeploy.core.NotFoundException;
import io.redeploy.core.access.Caller;
import io.redeploy.core.environment.Environment;
import io.redeploy.core.environment.EnvironmentAccess;
import io.redeploy.core.environment.EnvironmentRepository;
import io.redeploy.core.environment.Node;
import io.redeploy.core.environment.NodeLocks;
import io.redeploy.core.redeploy.Operation;
import io.redeploy.core.redeploy.OperationKind;
import io.redeploy.core.redeploy.RedeployRequest;
import io.redeploy.core.redeploy.RedeployService;

/**
 * Runs redeploys in the background for {@code async=true} callers, who poll {@code getoperation}.
 * What can be refused at once (unknown environment, another user's node, a busy node) is refused
 * before the operation id is handed out.
 */
@Component
class AsyncRedeploys {

	private static final Logger logger = LoggerFactory.getLogger(AsyncRedeploys.class);

	private final RedeployService redeploys;

	private final EnvironmentAccess access;

	private final NodeLocks locks;

	private final JdbcOperationJournal journal;

	private final Clock clock;

	private final OperationEvents events;

	/** Operations handed out whose journal entry may not be written yet. */
	private final Map<String, Operation> pending = new ConcurrentHashMap<>();

	private final ExecutorService executor;

	AsyncRedeploys(RedeployService redeploys, EnvironmentRepository environments, NodeLocks locks,
			JdbcOperationJournal journal, Clock clock, OperationEvents events) {
		this.redeploys = redeploys;
		this.access = new EnvironmentAccess(environments);
		this.locks = locks;
		this.journal = journal;
		this.clock = clock;
		this.events = events;
		AtomicInteger counter = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(4, (task) -> new Thread(task, "async-redeploy-" + counter.incrementAndGet()));
	}

	String start(Caller caller, RedeployRequest request) {
		Environment environment = this.access.environment(caller, request.envName());
		List<Node> nodes = this.access.nodes(environment, request.selector());
		this.locks.requireIdle(nodes);
		String operationId = RedeployService.newOperationId();
		Operation operation = new Operation(operationId, OperationKind.REDEPLOY, environment.name(), caller.login(),
				request.tag(), nodes.stream().map(Node::id).toList(), this.clock.instant());
		this.pending.put(operationId, operation);
		this.executor.execute(() -> run(caller, request, operation));
		return operationId;
	}

	OperationResponse find(Caller caller, String operationId) {
		OperationResponse found = this.journal.find(operationId)
			.or(() -> java.util.Optional.ofNullable(this.pending.get(operationId)).map(AsyncRedeploys::justStarted))
			.orElseThrow(() -> new NotFoundException("Operation '" + operationId + "' does not exist"));
		this.access.environment(caller, found.envName());
		return found;
	}

	List<OperationResponse> history(Caller caller, String envName) {
		this.access.environment(caller, envName);
		return this.journal.history(envName, 50);
	}

	private void run(Caller caller, RedeployRequest request, Operation operation) {
		try {
			this.redeploys.redeploy(caller, request, operation.id());
		}
		catch (RuntimeException ex) {
			logger.warn("Operation {} failed before it started: {}", operation.id(), ex.getMessage());
			this.journal.failedBeforeStart(operation, ex.getMessage());
			// the engine reports nothing for an operation it never began: end the stream of its subscribers
			this.events.endIfRunning(operation.id());
		}
		finally {
			this.pending.remove(operation.id());
		}
	}

	private static OperationResponse justStarted(Operation operation) {
		return new OperationResponse(0, operation.id(), operation.kind().name(), operation.envName(), "RUNNING",
				operation.target(), operation.startedAt(), null, null, List.of());
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

}
