package io.redeploy.app.redeploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.redeploy.core.redeploy.RedeployEvent;
import io.redeploy.core.redeploy.RedeployListener;
import io.redeploy.core.redeploy.RedeployReport;

/**
 * The redeploy engine's listener: numbers each operation's events in the order they happen, keeps
 * them while the operation runs (and a while after), and hands them to subscribers, so that one who
 * subscribes just after starting an operation still sees it from the start, in order.
 * <p>
 * Subscribers are called under the operation's lock, from the threads that run the nodes: they must
 * only hand the event on (e.g. to a queue), never block.
 */
@Component
class OperationEvents implements RedeployListener {

	private static final Logger logger = LoggerFactory.getLogger(OperationEvents.class);

	/** How long the events of a finished operation are kept for late subscribers. */
	static final Duration RETENTION = Duration.ofMinutes(10);

	/** At most this many finished operations are kept, the oldest dropped first. */
	static final int MAX_FINISHED = 200;

	private final Map<String, OperationStream> streams = new ConcurrentHashMap<>();

	private final Clock clock;

	OperationEvents(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void on(RedeployEvent event) {
		OperationStream stream = this.streams.computeIfAbsent(event.operationId(), (id) -> new OperationStream());
		if (stream.append(event, this.clock.instant())) {
			evictOldStreams();
		}
	}

	/**
	 * Sends the operation's events after {@code afterSeq} (0: all of them) to the subscriber, then every
	 * new one as it happens, then calls {@link Subscriber#end()} once the operation has finished. An
	 * operation not seen yet (one handed out but not begun) is waited for.
	 * @return closes the subscription
	 */
	Subscription subscribe(String operationId, long afterSeq, Subscriber subscriber) {
		OperationStream stream = this.streams.computeIfAbsent(operationId, (id) -> new OperationStream());
		stream.subscribe(afterSeq, subscriber);
		return () -> stream.unsubscribe(subscriber);
	}

	/** Whether events of the operation are held (it runs, or finished less than {@link #RETENTION} ago). */
	boolean holds(String operationId) {
		return this.streams.containsKey(operationId);
	}

	/**
	 * Ends the operation's stream with a failed {@code OperationFinished} unless it has ended already:
	 * for an operation refused before the engine began it, which the engine never reports.
	 */
	void endIfRunning(String operationId) {
		OperationStream stream = this.streams.computeIfAbsent(operationId, (id) -> new OperationStream());
		if (stream.appendUnlessFinished(new RedeployEvent.OperationFinished(operationId, RedeployReport.Result.FAILED),
				this.clock.instant())) {
			evictOldStreams();
		}
	}

	private void evictOldStreams() {
		Instant oldest = this.clock.instant().minus(RETENTION);
		this.streams.entrySet().removeIf((entry) -> entry.getValue().finishedBefore(oldest));
		List<Map.Entry<String, OperationStream>> finished = new ArrayList<>(this.streams.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().finishedAt() != null)
			.toList());
		if (finished.size() > MAX_FINISHED) {
			finished.sort(Comparator.comparing((Map.Entry<String, OperationStream> entry) -> entry.getValue().finishedAt()));
			finished.subList(0, finished.size() - MAX_FINISHED).forEach((entry) -> this.streams.remove(entry.getKey()));
		}
	}

	/** Receives one operation's events, each with its sequence number. */
	interface Subscriber {

		void event(long seq, RedeployEvent event);

		/** The operation finished: no event follows. */
		void end();

	}

	/** An open subscription; closing it stops the delivery. */
	@FunctionalInterface
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

	/** The events of one operation and who listens to them. */
	private static final class OperationStream {

		private final List<RedeployEvent> events = new ArrayList<>();

		private final List<Subscriber> subscribers = new ArrayList<>();

		private Instant finishedAt;

		/** @return whether this event finished the operation */
		synchronized boolean append(RedeployEvent event, Instant now) {
			this.events.add(event);
			long seq = this.events.size();
			for (Subscriber subscriber : List.copyOf(this.subscribers)) {
				deliver(subscriber, seq, event);
			}
			if (event instanceof RedeployEvent.OperationFinished && this.finishedAt == null) {
				this.finishedAt = now;
				this.subscribers.forEach(OperationStream::end);
				this.subscribers.clear();
				return true;
			}
			return false;
		}

		synchronized boolean appendUnlessFinished(RedeployEvent event, Instant now) {
			return this.finishedAt == null && append(event, now);
		}

		synchronized void subscribe(long afterSeq, Subscriber subscriber) {
			for (int i = (int) Math.max(0, Math.min(afterSeq, this.events.size())); i < this.events.size(); i++) {
				deliver(subscriber, i + 1, this.events.get(i));
			}
			if (this.finishedAt != null) {
				end(subscriber);
			}
			else {
				this.subscribers.add(subscriber);
			}
		}

		synchronized void unsubscribe(Subscriber subscriber) {
			this.subscribers.remove(subscriber);
		}

		synchronized Instant finishedAt() {
			return this.finishedAt;
		}

		synchronized boolean finishedBefore(Instant instant) {
			return this.finishedAt != null && this.finishedAt.isBefore(instant);
		}

		private static void deliver(Subscriber subscriber, long seq, RedeployEvent event) {
			try {
				subscriber.event(seq, event);
			}
			catch (RuntimeException ex) {
				logger.warn("An operation-event subscriber failed: {}", ex.getMessage());
			}
		}

		private static void end(Subscriber subscriber) {
			try {
				subscriber.end();
			}
			catch (RuntimeException ex) {
				logger.warn("An operation-event subscriber failed at the end: {}", ex.getMessage());
			}
		}

	}

}
