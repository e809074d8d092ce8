package io.redeploy.bench;

import java.util.Locale;

/** How a measure is printed: its pattern, or a choice of scale where the value's size asks for one. */
enum Unit {

	MILLIS("%.0f ms") {
		@Override
		String format(double value) {
			return (value >= 10_000) ? String.format(Locale.ROOT, "%.1f s", value / 1000)
					: (value >= 1000) ? String.format(Locale.ROOT, "%.2f s", value / 1000) : super.format(value);
		}
	},

	/** Latencies, where fractions of a millisecond matter. */
	LATENCY("%.1f ms") {
		@Override
		String format(double value) {
			return (value >= 100) ? String.format(Locale.ROOT, "%.0f ms", value) : super.format(value);
		}
	},

	MIB_PER_SECOND("%.0f MiB/s"),

	MIB("%.1f MiB"),

	PER_SECOND("%.0f /s"),

	COUNT("%.0f");

	private final String pattern;

	Unit(String pattern) {
		this.pattern = pattern;
	}

	String format(double value) {
		return String.format(Locale.ROOT, this.pattern, value);
	}

}
