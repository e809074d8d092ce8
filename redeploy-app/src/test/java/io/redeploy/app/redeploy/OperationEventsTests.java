package io.redeploy.app.redeploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.redeploy.core.redeploy.OperationKind;
import io.redeploy.core.redeploy.RedeployEvent;
import io.redeploy.core.redeploy.RedeployReport;
import io.redeploy.core.redeploy.RedeployStep;

import static org.assertj.core.api.Assertions.assertThat;

class OperationEventsTests {

	private final MutableClock clock = new MutableClock();

	private final OperationEvents events = new OperationEvents(this.clock);

	@Test
	void aSubscriberWhoComesLateSeesTheOperationFromItsStartThenLiveEvents() {
		this.events.on(started("op"));
		this.events.on(new RedeployEvent.StepStarted("op", 101, RedeployStep.PLAN));
		Recorder late = new Recorder();

		this.events.subscribe("op", 0, late);
		this.events.on(new RedeployEvent.StepFinished("op", 101, RedeployStep.PLAN, 12));

		assertThat(late.seqs).containsExactly(1L, 2L, 3L);
		assertThat(late.types()).containsExactly("OperationStarted", "StepStarted", "StepFinished");
		assertThat(late.ended).isFalse();
	}

	@Test
	void theStreamEndsWithOperationFinished() {
		Recorder subscriber = new Recorder();
		this.events.subscribe("op", 0, subscriber);

		this.events.on(started("op"));
		this.events.on(finished("op"));
		this.events.on(new RedeployEvent.StepStarted("other", 7, RedeployStep.PLAN));

		assertThat(subscriber.types()).containsExactly("OperationStarted", "OperationFinished");
		assertThat(subscriber.ended).isTrue();
	}

	@Test
	void aSubscriberAfterTheEndGetsTheWholeOperationAndTheEnd() {
		this.events.on(started("op"));
		this.events.on(finished("op"));
		Recorder subscriber = new Recorder();

		this.events.subscribe("op", 0, subscriber);

		assertThat(subscriber.types()).containsExactly("OperationStarted", "OperationFinished");
		assertThat(subscriber.ended).isTrue();
	}

	@Test
	void aReconnectingSubscriberResumesAfterTheLastEventItSaw() {
		this.events.on(started("op"));
		this.events.on(new RedeployEvent.NodeStarted("op", 101));
		this.events.on(new RedeployEvent.StepStarted("op", 101, RedeployStep.PLAN));
		Recorder subscriber = new Recorder();

		this.events.subscribe("op", 2, subscriber);

		assertThat(subscriber.seqs).containsExactly(3L);
	}

	@Test
	void aClosedSubscriptionReceivesNothingMore() {
		Recorder subscriber = new Recorder();
		OperationEvents.Subscription subscription = this.events.subscribe("op", 0, subscriber);
		this.events.on(started("op"));

		subscription.close();
		this.events.on(finished("op"));

		assertThat(subscriber.types()).containsExactly("OperationStarted");
		assertThat(subscriber.ended).isFalse();
	}

	@Test
	void endIfRunningEndsAnOperationTheEngineNeverBeganButNotOneThatFinished() {
		Recorder refused = new Recorder();
		this.events.subscribe("refused", 0, refused);
		this.events.on(started("done"));
		this.events.on(finished("done"));

		this.events.endIfRunning("refused");
		this.events.endIfRunning("done");

		assertThat(refused.types()).containsExactly("OperationFinished");
		assertThat(refused.ended).isTrue();
		Recorder done = new Recorder();
		this.events.subscribe("done", 0, done);
		assertThat(done.types()).containsExactly("OperationStarted", "OperationFinished");
	}

	@Test
	void finishedOperationsAreForgottenAfterTheRetention() {
		this.events.on(started("old"));
		this.events.on(finished("old"));
		this.events.on(started("running"));
		this.clock.advance(OperationEvents.RETENTION.plusSeconds(1));

		this.events.on(started("new"));
		this.events.on(finished("new"));

		assertThat(this.events.holds("old")).isFalse();
		assertThat(this.events.holds("running")).isTrue();
		assertThat(this.events.holds("new")).isTrue();
	}

	@Test
	void eventsFromParallelNodesReachEverySubscriberInOneOrder() throws Exception {
		Recorder early = new Recorder();
		this.events.subscribe("op", 0, early);
		this.events.on(started("op"));
		int nodes = 8;
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(nodes);
		for (int node = 0; node < nodes; node++) {
			long nodeId = 100 + node;
			pool.execute(() -> {
				await(go);
				for (RedeployStep step : RedeployStep.values()) {
					this.events.on(new RedeployEvent.StepStarted("op", nodeId, step));
					this.events.on(new RedeployEvent.StepFinished("op", nodeId, step, 1));
				}
			});
		}
		go.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		this.events.on(finished("op"));
		Recorder late = new Recorder();

		this.events.subscribe("op", 0, late);

		int total = 2 + nodes * RedeployStep.values().length * 2;
		assertThat(early.seqs).hasSize(total).isSorted().doesNotHaveDuplicates();
		assertThat(late.received).isEqualTo(early.received);
	}

	private static RedeployEvent started(String operationId) {
		return new RedeployEvent.OperationStarted(operationId, OperationKind.REDEPLOY, "shop", "alice", List.of(101L));
	}

	private static RedeployEvent finished(String operationId) {
		return new RedeployEvent.OperationFinished(operationId, RedeployReport.Result.OK);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Records what it is given; synchronized because node threads deliver to it. */
	private static final class Recorder implements OperationEvents.Subscriber {

		final List<Long> seqs = Collections.synchronizedList(new ArrayList<>());

		final List<RedeployEvent> received = Collections.synchronizedList(new ArrayList<>());

		volatile boolean ended;

		@Override
		public void event(long seq, RedeployEvent event) {
			this.seqs.add(seq);
			this.received.add(event);
		}

		@Override
		public void end() {
			this.ended = true;
		}

		List<String> types() {
			return this.received.stream().map((event) -> event.getClass().getSimpleName()).toList();
		}

	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2025-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
