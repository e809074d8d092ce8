package io.redeploy.bench;

import java.util.List;

/** The rows of one scenario, with a line on how they were taken. */
record Section(String title, String note, List<Row> rows) {

	Section {
		rows = List.copyOf(rows);
	}

}
