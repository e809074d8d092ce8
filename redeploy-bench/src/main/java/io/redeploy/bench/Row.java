package io.redeploy.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of the results: a measure of ours over the runs, and optionally the floor it is compared
 * with (measured in the same runs) and the target the ratio of their medians is held to.
 */
record Row(String measure, Samples ours, Unit unit, String floorName, Samples floor, Optional<Target> target) {

	static Row of(String measure, Samples ours, Unit unit) {
		return new Row(measure, ours, unit, "", new Samples(List.of()), Optional.empty());
	}

	static Row against(String measure, Samples ours, Unit unit, String floorName, Samples floor) {
		return new Row(measure, ours, unit, floorName, floor, Optional.empty());
	}

	Row withTarget(Target target) {
		return new Row(this.measure, this.ours, this.unit, this.floorName, this.floor, Optional.of(target));
	}

	double ratio() {
		return this.floor.isEmpty() ? Double.NaN : this.ours.median() / this.floor.median();
	}

	/** "pass", "miss" or empty when the row has no target. */
	String verdict() {
		if (this.target.isEmpty() || this.ours.isEmpty()) {
			return "";
		}
		return this.target.get().met(this.ours.median(), ratio()) ? "pass" : "**miss**";
	}

	String[] cells() {
		String spread = (this.ours.values().size() < 2) ? ""
				: this.unit.format(this.ours.min()) + " – " + this.unit.format(this.ours.max());
		String floorCell = this.floor.isEmpty() ? this.floorName
				: this.floorName + ": " + this.unit.format(this.floor.median());
		String ratio = Double.isNaN(ratio()) ? "" : String.format(Locale.ROOT, "%.2f×", ratio());
		return new String[] { this.measure, this.ours.isEmpty() ? "—" : this.unit.format(this.ours.median()), spread,
				floorCell, ratio, this.target.map((t) -> t.describe(this.unit)).orElse(""), verdict() };
	}

}
