package io.redeploy.bench;

import java.util.Locale;

/** How a measure is printed. */
enum Unit {

	MILLIS {
		@Override
		String format(double value) {
			return (value >= 10_000) ? String.format(Locale.ROOT, "%.1f s", value / 1000)
					: (value >= 1000) ? String.format(Locale.ROOT, "%.2f s", value / 1000)
							: String.format(Locale.ROOT, "%.0f ms", value);
		}
	},

	/** Latencies, where fractions of a millisecond matter. */
	LATENCY {
		@Override
		String format(double value) {
			return (value >= 100) ? String.format(Locale.ROOT, "%.0f ms", value)
					: String.format(Locale.ROOT, "%.1f ms", value);
		}
	},

	MIB_PER_SECOND {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.0f MiB/s", value);
		}
	},

	MIB {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.1f MiB", value);
		}
	},

	PER_SECOND {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.0f /s", value);
		}
	},

	COUNT {
		@Override
		String format(double value) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
	};

	abstract String format(double value);

}
