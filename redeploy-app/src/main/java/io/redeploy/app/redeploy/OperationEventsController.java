package io.redeploy.app.redeploy;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.redeploy.api.OperationEventView;
import io.redeploy.api.OperationResponse;
import io.redeploy.core.access.Caller;
import io.redeploy.core.redeploy.RedeployEvent;

/**
 * {@code operationevents}: an operation's progress as server-sent events, from its start, in order, for
 * the dashboard (an {@code EventSource} cannot set headers, so the session goes as a parameter). Each
 * event is named by its {@code type}, carries an {@link OperationEventView} as JSON and its {@code seq}
 * as the SSE id, so that a reconnecting client resumes after the last one it saw. The stream ends after
 * {@code OperationFinished}.
 */
@RestController
class OperationEventsController {

	private static final Logger logger = LoggerFactory.getLogger(OperationEventsController.class);

	/** A dashboard left open on a stuck operation is let go after this long (it may reconnect). */
	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	private final AsyncRedeploys operations;

	private final OperationEvents events;

	/** One thread per open stream writes to the client, so that a slow client never holds up a redeploy. */
	private final ExecutorService writers;

	OperationEventsController(AsyncRedeploys operations, OperationEvents events) {
		this.operations = operations;
		this.events = events;
		AtomicInteger counter = new AtomicInteger();
		this.writers = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "operation-events-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@GetMapping(path = "/1.0/environment/control/rest/operationevents",
			produces = { MediaType.TEXT_EVENT_STREAM_VALUE, MediaType.APPLICATION_JSON_VALUE })
	SseEmitter operationEvents(Caller caller, @RequestParam String operationId,
			@RequestHeader(name = "Last-Event-ID", required = false) Optional<Long> lastEventId) {
		// 404 for an unknown operation, 703 for one of another user's environment: before any byte is sent
		OperationResponse operation = this.operations.find(caller, operationId);
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		BlockingQueue<OperationEventView> queue = new LinkedBlockingQueue<>();
		if (!"RUNNING".equals(operation.status()) && !this.events.holds(operationId)) {
			// finished long ago: its events are gone, its outcome is not
			queue.add(RedeployViews.finished(1, operationId, operation.status()));
			queue.add(END);
			this.writers.execute(() -> write(emitter, queue, () -> { }));
			return emitter;
		}
		OperationEvents.Subscription subscription = this.events.subscribe(operationId, lastEventId.orElse(0L),
				new OperationEvents.Subscriber() {

					@Override
					public void event(long seq, RedeployEvent event) {
						queue.add(RedeployViews.event(seq, event));
					}

					@Override
					public void end() {
						queue.add(END);
					}

				});
		Runnable stop = () -> {
			subscription.close();
			queue.add(END);
		};
		emitter.onTimeout(stop);
		emitter.onError((ex) -> stop.run());
		emitter.onCompletion(subscription::close);
		this.writers.execute(() -> write(emitter, queue, subscription::close));
		return emitter;
	}

	private static void write(SseEmitter emitter, BlockingQueue<OperationEventView> queue, Runnable unsubscribe) {
		try {
			for (OperationEventView event = queue.take(); event != END; event = queue.take()) {
				emitter.send(SseEmitter.event().id(Long.toString(event.seq())).name(event.type()).data(event,
						MediaType.APPLICATION_JSON));
			}
			emitter.complete();
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away or the stream timed out
			logger.debug("Operation event stream closed: {}", ex.getMessage());
			unsubscribe.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			unsubscribe.run();
			emitter.complete();
		}
	}

	/** Marks the end of a stream in its queue. */
	private static final OperationEventView END = new OperationEventView(0, "END", "", null, null, null, null, null, null,
			null, null, null, null);

	@PreDestroy
	void stop() {
		this.writers.shutdownNow();
	}

}
