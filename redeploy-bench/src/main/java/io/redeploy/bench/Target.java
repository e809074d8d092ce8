package io.redeploy.bench;

import java.util.Locale;

/** A goal a row is held to: a ratio to its floor, or an absolute bound on its median. */
record Target(Kind kind, double limit) {

	enum Kind {

		/** ours / floor at most the limit (times, lower is better). */
		RATIO_AT_MOST,

		/** ours / floor at least the limit (throughputs, higher is better). */
		RATIO_AT_LEAST,

		/** the median itself below the limit. */
		BELOW

	}

	static Target ratioAtMost(double limit) {
		return new Target(Kind.RATIO_AT_MOST, limit);
	}

	static Target ratioAtLeast(double limit) {
		return new Target(Kind.RATIO_AT_LEAST, limit);
	}

	static Target below(double limit) {
		return new Target(Kind.BELOW, limit);
	}

	boolean met(double median, double ratio) {
		return switch (this.kind) {
			case RATIO_AT_MOST -> ratio <= this.limit;
			case RATIO_AT_LEAST -> ratio >= this.limit;
			case BELOW -> median < this.limit;
		};
	}

	String describe(Unit unit) {
		return switch (this.kind) {
			case RATIO_AT_MOST -> String.format(Locale.ROOT, "≤ %s×", trim(this.limit));
			case RATIO_AT_LEAST -> String.format(Locale.ROOT, "≥ %s×", trim(this.limit));
			case BELOW -> "< " + unit.format(this.limit);
		};
	}

	private static String trim(double value) {
		return (value == Math.rint(value)) ? String.format(Locale.ROOT, "%.0f", value)
				: String.format(Locale.ROOT, "%s", value);
	}

}
