package io.redeploy.bench;

/** Proof that what was measured did the job: the kept data arrived whole. */
final class Checks {

	private Checks() {
	}

	static void sameData(DataSet data, String container, String what) {
		String expected = data.digest();
		String actual = DataSet.containerDigest(container, BenchImages.DATA);
		if (!expected.equals(actual)) {
			throw new BenchException("The data in " + what + " (" + container + ") differs from the data set: "
					+ actual + " instead of " + expected);
		}
	}

}
