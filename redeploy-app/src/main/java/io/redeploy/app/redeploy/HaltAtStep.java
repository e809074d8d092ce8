package io.redeploy.app.redeploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import io.redeploy.core.redeploy.RedeployEvent;
import io.redeploy.core.redeploy.RedeployListener;
import io.redeploy.core.redeploy.RedeployStep;

/**
 * A fault-injection point for the crash-safety tests, absent unless {@code redeploy.testing.halt-at} is
 * set. Every node that reaches that point of its script (after the first {@code halt-skip-nodes}) appends
 * a line to the marker file and then blocks its thread for good, so that a test can SIGKILL the process
 * with the node exactly there. {@code STEP} is the start of a step, after its journal write;
 * {@code STEP:finished} is after the step's work, before the next journal write.
 */
@Component
@ConditionalOnProperty(name = "redeploy.testing.halt-at")
class HaltAtStep implements RedeployListener {

	private static final Logger logger = LoggerFactory.getLogger(HaltAtStep.class);

	private final RedeployStep step;

	private final boolean finished;

	private final Path marker;

	private final int skip;

	private final AtomicInteger arrivals = new AtomicInteger();

	HaltAtStep(Settings settings) {
		String[] point = settings.haltAt().trim().toUpperCase(Locale.ROOT).split(":", 2);
		this.step = RedeployStep.valueOf(point[0]);
		this.finished = point.length == 2 && point[1].equals("FINISHED");
		if (point.length == 2 && !this.finished) {
			throw new IllegalArgumentException("redeploy.testing.halt-at must be STEP or STEP:finished, not " + settings.haltAt());
		}
		this.marker = settings.haltMarker();
		this.skip = settings.haltSkipNodes();
		logger.warn("TESTING ONLY: redeploy.testing.halt-at={} is set; redeploys will hang at {} {} (marker {}). "
				+ "Never use this setting in production.", settings.haltAt(), this.finished ? "the end of" : "the start of",
				this.step, this.marker);
	}

	@Override
	public void on(RedeployEvent event) {
		if (event instanceof RedeployEvent.StepStarted started && !this.finished && started.step() == this.step) {
			arrive(started.operationId(), started.nodeId());
		}
		else if (event instanceof RedeployEvent.StepFinished done && this.finished && done.step() == this.step) {
			arrive(done.operationId(), done.nodeId());
		}
	}

	private void arrive(String operationId, long nodeId) {
		if (this.arrivals.incrementAndGet() <= this.skip) {
			return;
		}
		logger.warn("TESTING ONLY: operation {}, node {} halts at {}{}", operationId, nodeId, this.step,
				this.finished ? ":finished" : "");
		synchronized (this) {
			try {
				Files.writeString(this.marker, operationId + " " + nodeId + "\n", StandardCharsets.UTF_8,
						StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		while (true) {
			// until the process is killed: an interrupt (an orderly stop) must not let the step go on
			LockSupport.park(this);
		}
	}

	/**
	 * {@code redeploy.testing.*}.
	 *
	 * @param haltAt {@code STEP} or {@code STEP:finished}, e.g. {@code RESTORE}; empty: no halt
	 * @param haltMarker the file a halted node appends "operation node" to
	 * @param haltSkipNodes how many arrivals at the point pass before nodes halt
	 */
	@ConfigurationProperties("redeploy.testing")
	record Settings(@DefaultValue("") String haltAt, @DefaultValue("halted") Path haltMarker,
			@DefaultValue("0") int haltSkipNodes) {
	}

}
