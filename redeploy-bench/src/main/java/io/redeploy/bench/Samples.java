package io.redeploy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** The values one measure took over the repeated runs of a scenario: median and spread. */
record Samples(List<Double> values) {

	Samples {
		values = List.copyOf(values);
	}

	static Samples of(double... values) {
		List<Double> list = new ArrayList<>();
		for (double value : values) {
			list.add(value);
		}
		return new Samples(list);
	}

	boolean isEmpty() {
		return this.values.isEmpty();
	}

	double median() {
		List<Double> sorted = sorted();
		int n = sorted.size();
		if (n == 0) {
			return Double.NaN;
		}
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	double min() {
		return this.values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	double max() {
		return this.values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	/** Each value mapped, e.g. milliseconds to MiB/s or one node's time to twenty nodes'. */
	Samples map(DoubleUnaryOperator operator) {
		return new Samples(this.values.stream().map(operator::applyAsDouble).toList());
	}

	/** Run by run sum of two measures taken in the same runs. */
	Samples plus(Samples other) {
		List<Double> sums = new ArrayList<>();
		for (int i = 0; i < Math.min(this.values.size(), other.values.size()); i++) {
			sums.add(this.values.get(i) + other.values.get(i));
		}
		return new Samples(sums);
	}

	private List<Double> sorted() {
		return this.values.stream().sorted().toList();
	}

}
