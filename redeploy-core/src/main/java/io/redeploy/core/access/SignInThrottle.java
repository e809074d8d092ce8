package io.redeploy.core.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per login in a sliding window: once {@code maxFailures} fall within
 * {@code window}, every further attempt for that login is refused until the oldest of them is older
 * than the window. Unknown logins are counted like known ones, so the refusal says nothing about
 * which logins exist. Refused attempts are not counted: the lock-out ends when the window passes,
 * however hard someone keeps trying.
 *
 * <p>The counters live in this process's memory: a restart forgets them, and several instances of the
 * service would count apart (the service runs as one instance per database, see docs/security.md).
 */
final class SignInThrottle {

	/** Past this many logins with failures, logins whose failures all left the window are forgotten. */
	private static final int PRUNE_ABOVE = 10_000;

	private final Clock clock;

	private final int maxFailures;

	private final Duration window;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	SignInThrottle(Clock clock, int maxFailures, Duration window) {
		this.clock = clock;
		this.maxFailures = maxFailures;
		this.window = window;
	}

	/** @throws TooManyAttemptsException when the login is locked out right now */
	void check(String login) {
		Deque<Instant> recent = this.failures.get(login);
		if (recent == null) {
			return;
		}
		Instant now = this.clock.instant();
		synchronized (recent) {
			dropOld(recent, now);
			if (recent.size() >= this.maxFailures) {
				throw new TooManyAttemptsException(Duration.between(now, recent.peekFirst().plus(this.window)));
			}
		}
	}

	void failed(String login) {
		Instant now = this.clock.instant();
		if (this.failures.size() > PRUNE_ABOVE) {
			this.failures.values().removeIf((recent) -> {
				synchronized (recent) {
					dropOld(recent, now);
					return recent.isEmpty();
				}
			});
		}
		Deque<Instant> recent = this.failures.computeIfAbsent(login, (key) -> new ArrayDeque<>());
		synchronized (recent) {
			dropOld(recent, now);
			recent.addLast(now);
			while (recent.size() > this.maxFailures) {
				recent.removeFirst();
			}
		}
	}

	void succeeded(String login) {
		this.failures.remove(login);
	}

	private void dropOld(Deque<Instant> recent, Instant now) {
		Instant start = now.minus(this.window);
		while (!recent.isEmpty() && !recent.peekFirst().isAfter(start)) {
			recent.removeFirst();
		}
	}

}
