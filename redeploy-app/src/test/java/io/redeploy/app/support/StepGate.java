package io.redeploy.app.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestComponent;

import io.redeploy.core.redeploy.RedeployEvent;
import io.redeploy.core.redeploy.RedeployListener;
import io.redeploy.core.redeploy.RedeployStep;

/**
 * Holds one node's script at the start of a chosen step (the step is journalled, its action not yet
 * run) until the test lets it go, so that a test can do something between two steps: damage an
 * archive, fill a disk, restart the engine. Idle unless armed; one hold at a time. A hold that is
 * never released lets go by itself after {@link #LIMIT}, so that a failed test cannot hang a node.
 */
@TestComponent
public class StepGate implements RedeployListener {

	static final Duration LIMIT = Duration.ofMinutes(3);

	private final AtomicReference<Hold> armed = new AtomicReference<>();

	/** Arms the gate for the next time {@code nodeId} starts {@code step}, in any operation. */
	public Hold holdAt(long nodeId, RedeployStep step) {
		Hold hold = new Hold(nodeId, step);
		if (!this.armed.compareAndSet(null, hold)) {
			throw new IllegalStateException("the step gate is already armed");
		}
		return hold;
	}

	@Override
	public void on(RedeployEvent event) {
		Hold hold = this.armed.get();
		if (hold != null && event instanceof RedeployEvent.StepStarted started && started.nodeId() == hold.nodeId
				&& started.step() == hold.step && this.armed.compareAndSet(hold, null)) {
			hold.holdHere(started);
		}
	}

	/** One armed hold: wait for the script to reach it, act, then release it. */
	public final class Hold implements AutoCloseable {

		private final long nodeId;

		private final RedeployStep step;

		private final CountDownLatch reached = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private volatile RedeployEvent.StepStarted event;

		Hold(long nodeId, RedeployStep step) {
			this.nodeId = nodeId;
			this.step = step;
		}

		/** Waits until the node's script is held at the step, and returns the event that stopped it. */
		public RedeployEvent.StepStarted awaitReached(Duration timeout) throws InterruptedException {
			if (!this.reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("node " + this.nodeId + " did not reach " + this.step + " within " + timeout);
			}
			return this.event;
		}

		/** Lets the script go on. */
		public void release() {
			this.released.countDown();
		}

		/** Releases, and disarms the gate if the step was never reached. */
		@Override
		public void close() {
			StepGate.this.armed.compareAndSet(this, null);
			release();
		}

		private void holdHere(RedeployEvent.StepStarted started) {
			this.event = started;
			this.reached.countDown();
			try {
				this.released.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
