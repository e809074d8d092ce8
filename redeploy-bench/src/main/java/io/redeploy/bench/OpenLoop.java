package io.redeploy.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: requests leave on a fixed schedule whether or not earlier ones have been
 * answered, and each latency runs from the time the request was <em>due</em>, not from when it was
 * sent, so that a stalled server or a late sender shows in the figures instead of hiding them
 * (coordinated omission).
 */
final class OpenLoop {

	private OpenLoop() {
	}

	/** Latencies in milliseconds, sorted, and how many requests failed or answered other than 200. */
	record Latencies(double[] millis, int errors, double seconds) {

		double percentile(double p) {
			if (this.millis.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p / 100.0 * this.millis.length) - 1;
			return this.millis[Math.max(0, Math.min(index, this.millis.length - 1))];
		}

		double rate() {
			return this.millis.length / this.seconds;
		}

	}

	static Latencies run(HttpClient client, HttpRequest request, int perSecond, Duration duration) {
		int count = (int) (perSecond * duration.toMillis() / 1000);
		long period = 1_000_000_000L / perSecond;
		double[] latencies = new double[count];
		AtomicInteger errors = new AtomicInteger();
		CountDownLatch answered = new CountDownLatch(count);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		for (int i = 0; i < count; i++) {
			long due = start + i * period;
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			int index = i;
			client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
				latencies[index] = (System.nanoTime() - due) / 1e6;
				if (failure != null || response.statusCode() != 200) {
					errors.incrementAndGet();
				}
				answered.countDown();
			});
		}
		try {
			if (!answered.await(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
				throw new BenchException("getenvinfo load: " + answered.getCount() + " requests never answered");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("Interrupted");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		Arrays.sort(latencies);
		return new Latencies(latencies, errors.get(), Math.max(seconds, duration.toMillis() / 1000.0));
	}

}
